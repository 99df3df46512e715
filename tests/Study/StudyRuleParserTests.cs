using ChatBot.Bot.Features.Study;
using ChatBot.Storage.Study;

namespace ChatBot.Tests.Study;

public class StudyRuleParserTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    [InlineData("每月第一个周五 15:00", 1, DayOfWeek.Friday, "15:00")]
    [InlineData("每月最后一个周四 14:30", -1, DayOfWeek.Thursday, "14:30")]
    [InlineData("每个月的第二个星期三下午3点", 2, DayOfWeek.Wednesday, "15:00")]
    [InlineData("每月第3个礼拜一 9:00", 3, DayOfWeek.Monday, "09:00")]
    [InlineData("first Friday of every month 15:00", 1, DayOfWeek.Friday, "15:00")]
    [InlineData("Last Thursday of every month at 2:30pm", -1, DayOfWeek.Thursday, "14:30")]
    [InlineData("every second Tuesday of each month 10:00", 2, DayOfWeek.Tuesday, "10:00")]
    public void Nth_weekday_rules(string text, int nth, DayOfWeek weekday, string start)
    {
        var r = StudyRuleParser.Parse(text, Today);
        Assert.True(r.Ok, r.ErrorEn);
        Assert.Equal(StudyRuleKind.NthWeekday, r.Rule!.Kind);
        Assert.Equal(nth, r.Rule.Nth);
        Assert.Equal(weekday, r.Rule.Weekday);
        Assert.Equal(TimeOnly.Parse(start), r.Rule.Start);
        Assert.Equal(90, r.Rule.DurationMinutes);
    }

    [Theory]
    [InlineData("每月15日 09:30", 15, "09:30")]
    [InlineData("每月15号上午9点半", 15, "09:30")]
    [InlineData("每月三十一日 8:00", 31, "08:00")]
    [InlineData("15th of every month 09:30", 15, "09:30")]
    [InlineData("the 1st of each month at 3pm", 1, "15:00")]
    [InlineData("every month on the 20th 16:00", 20, "16:00")]
    public void Day_of_month_rules(string text, int day, string start)
    {
        var r = StudyRuleParser.Parse(text, Today);
        Assert.True(r.Ok, r.ErrorEn);
        Assert.Equal(StudyRuleKind.DayOfMonth, r.Rule!.Kind);
        Assert.Equal(day, r.Rule.Day);
        Assert.Equal(TimeOnly.Parse(start), r.Rule.Start);
    }

    [Theory]
    [InlineData("2026-04-03 15:00", "2026-04-03", "15:00")]
    [InlineData("4月3日 15:00", "2026-04-03", "15:00")]
    [InlineData("4月3日下午3点", "2026-04-03", "15:00")]
    [InlineData("2026/4/3 9:30", "2026-04-03", "09:30")]
    [InlineData("明天 10:00", "2026-03-11", "10:00")]
    public void One_off_dates(string text, string date, string start)
    {
        var r = StudyRuleParser.Parse(text, Today);
        Assert.True(r.Ok, r.ErrorEn);
        Assert.Equal(StudyRuleKind.Once, r.Rule!.Kind);
        Assert.Equal(DateOnly.Parse(date), r.Rule.Date);
        Assert.Equal(TimeOnly.Parse(start), r.Rule.Start);
    }

    [Theory]
    [InlineData("每月第一个周五 15:00-16:30", 90)]
    [InlineData("每月15日 下午3点到5点", 120)]
    [InlineData("first Friday of every month 15:00-15:45", 45)]
    public void An_end_time_sets_the_duration(string text, int minutes)
    {
        var r = StudyRuleParser.Parse(text, Today);
        Assert.True(r.Ok, r.ErrorEn);
        Assert.Equal(minutes, r.Rule!.DurationMinutes);
    }

    [Theory]
    [InlineData("每月第一个周五", "开始时间")]
    [InlineData("每月32日 9:00", "1日到31日")]
    [InlineData("每月第五个周五 9:00", "第一至第四")]
    [InlineData("下个月找时间", "没看懂")]
    [InlineData("每月15日 15:00-14:00", "结束时间")]
    [InlineData("", "没看懂")]
    public void Bad_rules_say_what_is_wrong(string text, string zhMessage)
    {
        var r = StudyRuleParser.Parse(text, Today);
        Assert.False(r.Ok);
        Assert.Contains(zhMessage, r.ErrorZh);
        Assert.False(string.IsNullOrEmpty(r.ErrorEn));
    }
}
