using ChatBot.Bot.Conversation;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>The occurrences of a workspace's sessions in its own time zone.</summary>
internal static class StudyCalendar
{
    /// <summary>Sign-in opens this long before the start.</summary>
    public static readonly TimeSpan SignInOpensBefore = TimeSpan.FromMinutes(30);

    public static IReadOnlyList<StudyOccurrence> Between(IEnumerable<StudySession> sessions, DateTimeOffset fromUtc, DateTimeOffset toUtc, TimeZoneInfo zone) =>
        sessions.SelectMany(s => StudySchedule.Between(s, fromUtc, toUtc, zone)).OrderBy(o => o.StartUtc).ThenBy(o => o.Session.Id).ToList();

    /// <summary>The occurrence of a session given by its rule date, or — people type what they see — by its (moved) local date.</summary>
    public static StudyOccurrence? Find(StudySession session, DateOnly date, TimeZoneInfo zone)
    {
        if (StudySchedule.OccurrenceOn(session, date, zone) is { } byRule) return byRule;
        var from = StudySchedule.ToUtc(date.ToDateTime(TimeOnly.MinValue), zone);
        return StudySchedule.Between(session, from, from.AddDays(1), zone).FirstOrDefault(o => o.Moved);
    }

    public static SignInWindow WindowAt(StudyOccurrence o, DateTimeOffset nowUtc) =>
        o.Cancelled ? SignInWindow.Cancelled
        : nowUtc < o.StartUtc - SignInOpensBefore ? SignInWindow.TooEarly
        : nowUtc > o.EndUtc ? SignInWindow.Closed
        : SignInWindow.Open;

    public static TimeZoneInfo ZoneOf(TurnContext ctx) => ctx.TimeZone;
}

internal enum SignInWindow { Open, TooEarly, Closed, Cancelled }

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
