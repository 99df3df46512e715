using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>One person's sign-in (签到) to one occurrence; the id makes a second sign-in impossible.</summary>
public sealed class StudyAttendance
{
    /// <summary>"{sessionId}|{occurrence date}|{userKey}"</summary>
    [BsonId] public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public int SessionId { get; set; }
    public DateOnly OccurrenceDate { get; set; }
    public string UserKey { get; set; } = "";
    public string? UserName { get; set; }
    public DateTimeOffset SignedInUtc { get; set; }
    /// <summary>How the sign-in was made; records from before this field read as <see cref="StudySignInMethod.SelfSignIn"/>.</summary>
    public StudySignInMethod Method { get; set; }
    /// <summary>Automatic sign-in from a Teams meeting: minutes the person was in the meeting.</summary>
    public int? MinutesPresent { get; set; }

    public static string IdOf(int sessionId, DateOnly date, string userKey) => $"{sessionId}|{date:yyyy-MM-dd}|{userKey}";
}
