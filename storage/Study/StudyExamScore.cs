using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>
/// An exam score of one person at one attempt of one exam occurrence (学法考试), by name: not everyone who sits it signs
/// in. A make-up exam's scores are stored on the exam it repeats, as a later attempt.
/// </summary>
public sealed class StudyExamScore
{
    /// <summary>"{sessionId}|{occurrence date}|{name}|{attempt}": recording the same attempt again corrects the score.</summary>
    [BsonId] public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public int SessionId { get; set; }
    public DateOnly OccurrenceDate { get; set; }
    public string Name { get; set; } = "";
    public double Score { get; set; }
    /// <summary>1 for the first sitting, 2 and 3 for make-ups (set to 1 on older records by migration 3000).</summary>
    public int Attempt { get; set; } = 1;
    public string? RecordedBy { get; set; }
    public DateTimeOffset RecordedUtc { get; set; }

    public static string IdOf(int sessionId, DateOnly date, string name, int attempt) => $"{sessionId}|{date:yyyy-MM-dd}|{name}|{attempt}";
}
