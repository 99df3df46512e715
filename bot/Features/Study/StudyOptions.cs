using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>The "Study" configuration section: the yearly hours target, exam grading, the plan's usual day, 会前学法 and meeting sign-in.</summary>
internal sealed class StudyOptions
{
    public const string Section = "Study";
    public const string HoursTargetKey = "study.hoursTarget";

    /// <summary>学时 each person should reach in a year (学时统计 lists those below).</summary>
    public double YearlyHoursTarget { get; set; } = 40;
    /// <summary>Sittings of one exam allowed (the first and make-ups).</summary>
    public int MaxExamAttempts { get; set; } = 3;
    /// <summary>True: the best sitting counts; false: the latest.</summary>
    public bool BestAttemptCounts { get; set; } = true;
    public double ExcellentFrom { get; set; } = 90;
    public double GoodFrom { get; set; } = 80;
    public double PassFrom { get; set; } = 60;

    /// <summary>导入学法计划: when a plan row gives only the month, the session is on this day of it.</summary>
    public string PlanUsualDay { get; set; } = "每月第一个周五 15:00";
    /// <summary>会前学法 lasts this long unless an end time or a length is given.</summary>
    public int PreMeetingMinutes { get; set; } = 30;

    /// <summary>The plan's usual day as a monthly rule; the default when the setting cannot be read as one.</summary>
    public StudyRule UsualRule(DateOnly today) =>
        StudyRuleParser.Parse(PlanUsualDay ?? "", today).Rule is { IsRecurring: true } rule ? rule
            : new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = 1, Weekday = DayOfWeek.Friday, Start = new TimeOnly(15, 0) };

    public int PreMeetingLength => PreMeetingMinutes is >= 5 and <= 480 ? PreMeetingMinutes : 30;

    public StudyGrading Grading => new(ExcellentFrom, GoodFrom, PassFrom, Math.Clamp(MaxExamAttempts, 1, 10), BestAttemptCounts);

    public double HoursTargetFor(Workspace w) =>
        w.Settings.TryGetValue(HoursTargetKey, out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 1000 ? v : YearlyHoursTarget;
}
