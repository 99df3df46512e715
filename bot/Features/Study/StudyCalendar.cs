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
