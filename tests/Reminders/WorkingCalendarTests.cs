using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Reminders;

/// <summary>
/// The official calendar with dates worked out by hand from the State Council's 2026 notice (2025-11-04):
/// 春节 2月15日(周日)至23日(周一)放假, 2月14日(周六)、2月28日(周六)上班; 国庆节 10月1日(周四)至7日(周三)放假,
/// 9月20日(周日)、10月10日(周六)上班.
/// </summary>
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Shipped = new([WorkingCalendar.Shipped()]);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static string NewDirectory() => Directory.CreateDirectory(Path.GetDirectoryName(TempPaths.NewDatabase())!).FullName;

    [Theory]
    [InlineData(2026, 10, 1, false)]  // 国庆 Thursday
    [InlineData(2026, 10, 7, false)]  // last day of 国庆, a Wednesday
    [InlineData(2026, 10, 8, true)]   // Thursday back at work
    [InlineData(2026, 10, 10, true)]  // Saturday, 调休 working day
    [InlineData(2026, 10, 11, false)] // Sunday
    [InlineData(2026, 9, 20, true)]   // Sunday, 调休 working day
    [InlineData(2026, 9, 25, false)]  // 中秋 Friday
    [InlineData(2026, 2, 14, true)]   // Saturday before 春节, 调休 working day
    [InlineData(2026, 2, 16, false)]  // 春节 Monday
    [InlineData(2026, 2, 23, false)]  // 春节 Monday, 正月初七
    [InlineData(2026, 2, 24, true)]   // Tuesday after 春节
    [InlineData(2026, 2, 28, true)]   // Saturday, 调休 working day
    [InlineData(2026, 3, 1, false)]   // an ordinary Sunday
    [InlineData(2026, 3, 2, true)]    // an ordinary Monday
    public void Working_days_follow_the_2026_notice(int y, int m, int d, bool working) =>
        Assert.Equal(working, Shipped.IsWorkingDay(D(y, m, d)));

    [Fact]
    public void Holidays_and_make_up_days_are_named()
    {
        Assert.Equal("春节", Shipped.Holiday(D(2026, 2, 20))!.NameZh);
        Assert.Equal("National Day", Shipped.Holiday(D(2026, 10, 5))!.NameEn);
        Assert.Null(Shipped.Holiday(D(2026, 10, 10)));           // a working Saturday is no holiday
        Assert.Equal("国庆节", Shipped.MakeUpWorkday(D(2026, 10, 10))!.NameZh);
        Assert.Null(Shipped.Holiday(D(2026, 3, 7)));             // an ordinary Saturday is no holiday either
        Assert.True(Shipped.Knows(2026));
    }

    [Fact]
    public void Adding_working_days_skips_holidays_and_counts_make_up_saturdays()
    {
        Assert.Equal(D(2026, 10, 8), Shipped.AddWorkingDays(D(2026, 9, 30), 1));   // over the whole 国庆 week
        Assert.Equal(D(2026, 10, 10), Shipped.AddWorkingDays(D(2026, 9, 30), 3));  // Thu 8, Fri 9, Sat 10 (调休)
        Assert.Equal(D(2026, 10, 12), Shipped.AddWorkingDays(D(2026, 9, 30), 4));  // Sunday 11 is off
        Assert.Equal(D(2026, 2, 14), Shipped.AddWorkingDays(D(2026, 2, 13), 1));   // Saturday 14 (调休)
        Assert.Equal(D(2026, 2, 24), Shipped.AddWorkingDays(D(2026, 2, 13), 2));   // 15–23 off
        Assert.Equal(D(2026, 2, 13), Shipped.AddWorkingDays(D(2026, 2, 24), -2));  // back: 14, then 13
        Assert.Equal(D(2026, 10, 3), Shipped.AddWorkingDays(D(2026, 10, 3), 0));
    }

    [Fact]
    public void Working_days_between_count_the_days_after_the_first_up_to_the_last()
    {
        // (9-30, 10-12]: 8 Thu, 9 Fri, 10 Sat (调休), 12 Mon = 4; 1–7 and Sunday 11 off.
        Assert.Equal(4, Shipped.WorkingDaysBetween(D(2026, 9, 30), D(2026, 10, 12)));
        // (2-13, 3-2]: 14 Sat (调休); 24, 25, 26, 27; 28 Sat (调休); 3-2 Mon = 7.
        Assert.Equal(7, Shipped.WorkingDaysBetween(D(2026, 2, 13), D(2026, 3, 2)));
        Assert.Equal(-7, Shipped.WorkingDaysBetween(D(2026, 3, 2), D(2026, 2, 13)));
        Assert.Equal(0, Shipped.WorkingDaysBetween(D(2026, 10, 1), D(2026, 10, 7)));
    }

    [Fact]
    public void The_latest_day_that_many_working_days_back_is_found_in_one_walk()
    {
        // On Fri 10-09, a task is 2 working days overdue when due on or before 10-07: (10-07, 10-09] = 8, 9.
        Assert.Equal(D(2026, 10, 7), Shipped.LatestDayAtLeast(2, D(2026, 10, 9)));
        // On Sun 10-11 (off): 3 working days back are 10, 9, 8: due on or before 10-07.
        Assert.Equal(D(2026, 10, 7), Shipped.LatestDayAtLeast(3, D(2026, 10, 11)));
        // 4 working days back from 10-11: 10, 9, 8, 9-30: due on or before 9-29.
        Assert.Equal(D(2026, 9, 29), Shipped.LatestDayAtLeast(4, D(2026, 10, 11)));
        foreach (var n in new[] { 1, 2, 3, 5, 8 })
        {
            var d = Shipped.LatestDayAtLeast(n, D(2026, 10, 12));
            Assert.True(Shipped.WorkingDaysBetween(d, D(2026, 10, 12)) >= n);
            Assert.True(Shipped.WorkingDaysBetween(d.AddDays(1), D(2026, 10, 12)) < n);
        }
    }

    [Fact]
    public void A_year_without_data_falls_back_to_weekdays_less_the_fixed_date_holidays_and_warns_once()
    {
        var log = new ListLogger();
        var calendar = new WorkingCalendar([WorkingCalendar.Shipped()], log);
        Assert.False(calendar.Knows(2027)); // not announced by 2026-12-03
        Assert.False(calendar.IsWorkingDay(D(2027, 1, 1)));  // 元旦 (Friday) is a holiday by law every year
        Assert.True(calendar.IsWorkingDay(D(2027, 1, 4)));   // Monday
        Assert.False(calendar.IsWorkingDay(D(2027, 1, 9)));  // Saturday
        Assert.True(calendar.IsWorkingDay(D(2027, 2, 8)));   // no 2027 data: an unknown 春节 is a weekday
        Assert.False(calendar.IsWorkingDay(D(2027, 10, 2))); // 国庆节 2 Oct (Saturday anyway)
        Assert.Equal("元旦", calendar.Holiday(D(2027, 1, 1))!.NameZh);
        var warnings = log.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Single(warnings);
        Assert.Contains("2027", warnings[0].Message);
        Assert.True(calendar.IsWorkingDay(D(2026, 12, 31))); // a known year: no warning
        Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
    }

    [Fact]
    public void An_admins_file_adds_a_year_and_its_dates_win()
    {
        // A county's own file: a 2027 arrangement (dates made up for the test) and a local day off in 2026.
        var path = Path.Combine(NewDirectory(), "holidays.json");
        File.WriteAllText(path, """
            { "years": {
                "2027": { "source": "test", "holidays": [ { "name": "春节", "nameEn": "Spring Festival", "from": "2027-02-06", "to": "2027-02-12" } ],
                          "workdays": [ { "date": "2027-02-13", "for": "春节" } ] },
                "2026": { "holidays": [ { "name": "县庆", "nameEn": "County day", "from": "2026-02-28", "to": "2026-02-28" } ] } } }
            """);
        var log = new ListLogger();
        var calendar = WorkingCalendar.Load(path, log);
        Assert.True(calendar.Knows(2027));
        Assert.False(calendar.IsWorkingDay(D(2027, 2, 8)));
        Assert.True(calendar.IsWorkingDay(D(2027, 2, 13))); // a Saturday made a working day
        Assert.False(calendar.IsWorkingDay(D(2026, 2, 28))); // the admin's day off beats the shipped 调休
        Assert.True(calendar.IsWorkingDay(D(2026, 2, 14)));  // the rest of 2026 is the shipped calendar
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public void A_broken_admins_file_is_reported_and_the_shipped_calendar_is_used()
    {
        var path = Path.Combine(NewDirectory(), "holidays.json");
        File.WriteAllText(path, """{ "years": { "2027": { "holidays": [ { "name": "春节", "from": "2027-02-06", "to": "2月12日" } ] } } }""");
        var log = new ListLogger();
        var calendar = WorkingCalendar.Load(path, log);
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(path));
        Assert.False(calendar.Knows(2027));
        Assert.True(calendar.IsWorkingDay(D(2026, 2, 14)));
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Error);
        var missing = WorkingCalendar.Load(Path.Combine(NewDirectory(), "none.json"), new ListLogger());
        Assert.True(missing.Knows(2026));
    }
}
