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

    public StudyGrading Grading => new(ExcellentFrom, GoodFrom, PassFrom, Math.Clamp(MaxExamAttempts, 1, 10), BestAttemptCounts);

    public double HoursTargetFor(Workspace w) =>
        w.Settings.TryGetValue(HoursTargetKey, out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 1000 ? v : YearlyHoursTarget;
}
