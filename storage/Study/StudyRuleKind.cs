using LiteDB;

namespace ChatBot.Storage.Study;

public enum StudyRuleKind
{
    /// <summary>One session on <see cref="StudyRule.Date"/>.</summary>
    Once,
    /// <summary>The nth (1..4, or -1 for the last) weekday of every month.</summary>
    NthWeekday,
    /// <summary>A fixed day of every month; 31 in a 30-day month (or 29–31 in February) means the month's last day.</summary>
    DayOfMonth,
}
