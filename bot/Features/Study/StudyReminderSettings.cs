using ChatBot.Bot.Conversation;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>Per-workspace reminder settings (Workspace.Settings), with their defaults.</summary>
internal sealed record StudyReminderSettings(TimeOnly? DayBeforeAt, int? MinutesBefore)
{
    public const string DayBeforeKey = "study.remindDayBeforeAt";
    public const string MinutesBeforeKey = "study.remindBeforeMinutes";
    public static readonly TimeOnly DefaultDayBeforeAt = new(16, 0);
    public const int DefaultMinutesBefore = 60;

    /// <summary>"off" (or "0" minutes) turns a reminder off; an unreadable value falls back to the default.</summary>
    public static StudyReminderSettings From(IReadOnlyDictionary<string, string>? settings)
    {
        TimeOnly? dayBefore = DefaultDayBeforeAt;
        int? minutes = DefaultMinutesBefore;
        if (settings?.GetValueOrDefault(DayBeforeKey) is { } d)
        {
            if (IsOff(d)) dayBefore = null;
            else if (Conversation.Prompts.Recognizers.TryParseTime(d, out var t)) dayBefore = t;
        }
        if (settings?.GetValueOrDefault(MinutesBeforeKey) is { } m)
        {
            if (IsOff(m)) minutes = null;
            else if (int.TryParse(m, out var n) && n > 0 && n <= 24 * 60) minutes = n;
        }
        return new StudyReminderSettings(dayBefore, minutes);
    }

    private static bool IsOff(string s) => s.Trim().ToLowerInvariant() is "off" or "0" or "关闭" or "none" or "";
}
