using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>When a session takes place, in the workspace's local time.</summary>
public sealed class StudyRule
{
    public StudyRuleKind Kind { get; set; }
    /// <summary>NthWeekday: 1..4, or -1 for the last one in the month.</summary>
    public int Nth { get; set; }
    public DayOfWeek Weekday { get; set; }
    /// <summary>DayOfMonth: 1..31.</summary>
    public int Day { get; set; }
    /// <summary>Once: the date.</summary>
    public DateOnly? Date { get; set; }
    public TimeOnly Start { get; set; }
    public int DurationMinutes { get; set; } = StudySchedule.DefaultDurationMinutes;

    public bool IsRecurring => Kind != StudyRuleKind.Once;
}
