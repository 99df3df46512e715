using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>One concrete occurrence of a session, with its times in UTC.</summary>
public sealed record StudyOccurrence(StudySession Session, DateOnly Date, DateTime LocalStart, DateTimeOffset StartUtc, DateTimeOffset EndUtc, bool Cancelled, bool Moved)
{
    public StudyOccurrenceStatus StatusAt(DateTimeOffset nowUtc) =>
        Cancelled ? StudyOccurrenceStatus.Cancelled : EndUtc <= nowUtc ? StudyOccurrenceStatus.Held : StudyOccurrenceStatus.Scheduled;

    public DateTime LocalEnd => LocalStart.AddMinutes(Session.Rule.DurationMinutes);
}
