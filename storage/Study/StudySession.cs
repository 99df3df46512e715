using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>How a session is held; the yearly report counts sessions by these.</summary>
public enum StudyFormat
{
    /// <summary>集中学习</summary>
    Centralized,
    /// <summary>以会代训</summary>
    MeetingAsTraining,
    /// <summary>以案释法</summary>
    CaseExplanation,
    /// <summary>专题讲座</summary>
    Lecture,
    /// <summary>网上学法</summary>
    Online,
    /// <summary>考试</summary>
    Exam,
}

public enum StudyRuleKind
{
    /// <summary>One session on <see cref="StudyRule.Date"/>.</summary>
    Once,
    /// <summary>The nth (1..4, or -1 for the last) weekday of every month.</summary>
    NthWeekday,
    /// <summary>A fixed day of every month; 31 in a 30-day month (or 29–31 in February) means the month's last day.</summary>
    DayOfMonth,
}

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

/// <summary>One occurrence of a series changed without touching the series: cancelled, or moved to another local time.</summary>
public sealed class StudyOccurrenceChange
{
    /// <summary>The date the rule gives the occurrence: its identity, even after a move.</summary>
    public DateOnly Date { get; set; }
    public bool Cancelled { get; set; }
    /// <summary>The new local start date and time (workspace time zone), when moved. Kept as date and time rather
    /// than DateTime because LiteDB would read a DateTime back in the server's local zone.</summary>
    public DateOnly? MovedToDate { get; set; }
    public TimeOnly? MovedToTime { get; set; }

    [BsonIgnore]
    public DateTime? MovedToLocal
    {
        get => MovedToDate is { } d && MovedToTime is { } t ? d.ToDateTime(t) : null;
        set { MovedToDate = value is { } v ? DateOnly.FromDateTime(v) : null; MovedToTime = value is { } w ? TimeOnly.FromDateTime(w) : null; }
    }
}

/// <summary>A law-study session (学法活动): one-off or a monthly series.</summary>
public sealed class StudySession
{
    [BsonId(true)] public int Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The law studied (宪法, 民法典, 行政复议法, …).</summary>
    public string Law { get; set; } = "";
    public StudyFormat Format { get; set; }
    public string? Presenter { get; set; }
    /// <summary>A make-up exam (补考): the exam session and date it repeats; its scores count as further attempts there.</summary>
    public int? MakeUpOfSessionId { get; set; }
    public DateOnly? MakeUpOfDate { get; set; }
    /// <summary>A room or a meeting link.</summary>
    public string? Location { get; set; }
    public string? MaterialsUrl { get; set; }
    public List<string> ExpectedParticipants { get; set; } = new();
    public StudyRule Rule { get; set; } = new();
    /// <summary>The rule as the clerk typed it, shown back in lists.</summary>
    public string RuleText { get; set; } = "";
    /// <summary>Occurrences starting before this instant are not part of the series (the series begins when it is scheduled).</summary>
    public DateTimeOffset SeriesStartUtc { get; set; }
    public List<StudyOccurrenceChange> Changes { get; set; } = new();
    /// <summary>The conversation it was scheduled in; reminders go there.</summary>
    public string? ConversationId { get; set; }
    public string? CreatedBy { get; set; }
    public string? CreatedByName { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}

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

public enum StudySignInMethod
{
    /// <summary>签到, typed or from a card.</summary>
    SelfSignIn,
    /// <summary>自动签到(会议): present in the Teams meeting for at least the required share of the session.</summary>
    Meeting,
}

public enum StudyOccurrenceStatus { Scheduled, Held, Cancelled }

/// <summary>One concrete occurrence of a session, with its times in UTC.</summary>
public sealed record StudyOccurrence(StudySession Session, DateOnly Date, DateTime LocalStart, DateTimeOffset StartUtc, DateTimeOffset EndUtc, bool Cancelled, bool Moved)
{
    public StudyOccurrenceStatus StatusAt(DateTimeOffset nowUtc) =>
        Cancelled ? StudyOccurrenceStatus.Cancelled : EndUtc <= nowUtc ? StudyOccurrenceStatus.Held : StudyOccurrenceStatus.Scheduled;

    public DateTime LocalEnd => LocalStart.AddMinutes(Session.Rule.DurationMinutes);
}

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
