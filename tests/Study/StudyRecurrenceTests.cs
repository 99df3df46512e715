using ChatBot.Bot.Conversation;
using ChatBot.Storage.Study;

namespace ChatBot.Tests.Study;

public class StudyRecurrenceTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZones.Find("Asia/Shanghai");
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static StudySession Series(StudyRule rule, int id = 1, DateTimeOffset? created = null) => new()
    {
        Id = id, WorkspaceId = "ws", Title = "每月一法", Law = "民法典", Format = StudyFormat.Centralized, Rule = rule,
        SeriesStartUtc = created ?? Created, CreatedUtc = created ?? Created,
    };

    private static List<DateTime> LocalStarts(StudySession s, int year, int fromMonth, int toMonth, TimeZoneInfo zone) =>
        StudySchedule.Between(s, StudySchedule.ToUtc(new DateTime(year, fromMonth, 1), zone), StudySchedule.ToUtc(new DateTime(year, fromMonth, 1).AddMonths(toMonth - fromMonth + 1), zone), zone)
            .Select(o => o.LocalStart).ToList();

    [Fact]
    public void First_friday_of_every_month()
    {
        var s = Series(new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = 1, Weekday = DayOfWeek.Friday, Start = new TimeOnly(15, 0) });
        Assert.Equal(
            [new DateTime(2026, 1, 2, 15, 0, 0), new DateTime(2026, 2, 6, 15, 0, 0), new DateTime(2026, 3, 6, 15, 0, 0), new DateTime(2026, 4, 3, 15, 0, 0), new DateTime(2026, 5, 1, 15, 0, 0)],
            LocalStarts(s, 2026, 1, 5, Shanghai));
        // Shanghai is UTC+8 all year: 15:00 local is 07:00 UTC.
        var april = StudySchedule.OccurrenceOn(s, new DateOnly(2026, 4, 3), Shanghai)!;
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 7, 0, 0, TimeSpan.Zero), april.StartUtc);
        Assert.Equal(april.StartUtc.AddMinutes(90), april.EndUtc);
    }

    [Fact]
    public void Last_thursday_and_second_wednesday()
    {
        var last = Series(new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = -1, Weekday = DayOfWeek.Thursday, Start = new TimeOnly(14, 30) });
        Assert.Equal(
            [new DateTime(2026, 1, 29, 14, 30, 0), new DateTime(2026, 2, 26, 14, 30, 0), new DateTime(2026, 3, 26, 14, 30, 0), new DateTime(2026, 4, 30, 14, 30, 0)],
            LocalStarts(last, 2026, 1, 4, Shanghai));
        var second = Series(new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = 2, Weekday = DayOfWeek.Wednesday, Start = new TimeOnly(9, 0) });
        Assert.Equal(new DateOnly(2026, 4, 8), StudySchedule.DateInMonth(second.Rule, 2026, 4));
    }

    [Fact]
    public void Day_15_and_day_31_in_short_months_use_the_last_day()
    {
        var fifteenth = Series(new StudyRule { Kind = StudyRuleKind.DayOfMonth, Day = 15, Start = new TimeOnly(9, 30) });
        Assert.Equal([15, 15, 15], LocalStarts(fifteenth, 2026, 1, 3, Shanghai).Select(d => d.Day));

        var thirtyFirst = Series(new StudyRule { Kind = StudyRuleKind.DayOfMonth, Day = 31, Start = new TimeOnly(9, 30) });
        Assert.Equal(
            [new DateTime(2026, 1, 31, 9, 30, 0), new DateTime(2026, 2, 28, 9, 30, 0), new DateTime(2026, 3, 31, 9, 30, 0), new DateTime(2026, 4, 30, 9, 30, 0)],
            LocalStarts(thirtyFirst, 2026, 1, 4, Shanghai));
        Assert.Equal(new DateOnly(2028, 2, 29), StudySchedule.DateInMonth(thirtyFirst.Rule, 2028, 2)); // leap year
    }

    [Fact]
    public void Another_time_zone_keeps_local_time_across_daylight_saving()
    {
        var berlin = TimeZones.Find("Europe/Berlin");
        var s = Series(new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = 1, Weekday = DayOfWeek.Friday, Start = new TimeOnly(15, 0) });
        var march = StudySchedule.OccurrenceOn(s, new DateOnly(2026, 3, 6), berlin)!;
        var april = StudySchedule.OccurrenceOn(s, new DateOnly(2026, 4, 3), berlin)!;
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero), march.StartUtc);  // CET, UTC+1
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 13, 0, 0, TimeSpan.Zero), april.StartUtc);  // CEST, UTC+2
        Assert.Equal(new DateTime(2026, 4, 3, 15, 0, 0), april.LocalStart);
    }

    [Fact]
    public void A_series_starts_when_it_is_scheduled()
    {
        // Scheduled on 2026-03-10 09:00 Shanghai: the 6 March Friday is before it, April's is the first.
        var s = Series(new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = 1, Weekday = DayOfWeek.Friday, Start = new TimeOnly(15, 0) },
            created: new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        Assert.Null(StudySchedule.OccurrenceOn(s, new DateOnly(2026, 3, 6), Shanghai));
        Assert.Equal(new DateTime(2026, 4, 3, 15, 0, 0), LocalStarts(s, 2026, 1, 12, Shanghai)[0]);
    }

    [Fact]
    public void Cancel_and_move_change_one_occurrence_only()
    {
        var s = Series(new StudyRule { Kind = StudyRuleKind.DayOfMonth, Day = 15, Start = new TimeOnly(9, 30) });
        s.Changes.Add(new StudyOccurrenceChange { Date = new DateOnly(2026, 2, 15), Cancelled = true });
        s.Changes.Add(new StudyOccurrenceChange { Date = new DateOnly(2026, 3, 15), MovedToLocal = new DateTime(2026, 4, 2, 14, 0, 0) });
        var all = StudySchedule.Between(s, StudySchedule.ToUtc(new DateTime(2026, 1, 1), Shanghai), StudySchedule.ToUtc(new DateTime(2026, 5, 1), Shanghai), Shanghai);
        Assert.Equal(
            [(new DateOnly(2026, 1, 15), new DateTime(2026, 1, 15, 9, 30, 0), false, false),
             (new DateOnly(2026, 2, 15), new DateTime(2026, 2, 15, 9, 30, 0), true, false),
             (new DateOnly(2026, 3, 15), new DateTime(2026, 4, 2, 14, 0, 0), false, true),
             (new DateOnly(2026, 4, 15), new DateTime(2026, 4, 15, 9, 30, 0), false, false)],
            all.Select(o => (o.Date, o.LocalStart, o.Cancelled, o.Moved)));
        // The moved one shows up in a window that holds only its new time.
        var earlyApril = StudySchedule.Between(s, StudySchedule.ToUtc(new DateTime(2026, 4, 1), Shanghai), StudySchedule.ToUtc(new DateTime(2026, 4, 3), Shanghai), Shanghai);
        Assert.Equal(new DateOnly(2026, 3, 15), Assert.Single(earlyApril).Date);
    }

    [Fact]
    public void A_one_off_session_has_one_occurrence()
    {
        var s = Series(new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 4, 3), Start = new TimeOnly(15, 0), DurationMinutes = 60 });
        var all = StudySchedule.Between(s, Created, Created.AddYears(2), Shanghai);
        var only = Assert.Single(all);
        Assert.Equal(new DateTime(2026, 4, 3, 16, 0, 0), only.LocalEnd);
    }
}
