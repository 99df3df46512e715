using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>A law-study session (学法活动): one-off or a monthly series.</summary>
public sealed class StudySession
{
    [BsonId(true)] public int Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The law studied (宪法, 民法典, 行政复议法, …).</summary>
    public string Law { get; set; } = "";
    public StudyFormat Format { get; set; }
    /// <summary>The presenter (主讲人): a person or a presenting unit, as written.</summary>
    public string? Presenter { get; set; }
    /// <summary>The workspace member the presenter is (matched by name or @mention); reminders reach them. Null: a unit, or nobody known by that name.</summary>
    public string? PresenterUserKey { get; set; }
    /// <summary>会前学法: the meeting it comes before (党委会, 镇长办公会, 常务会 …).</summary>
    public string? Meeting { get; set; }
    /// <summary>Imported from the yearly plan (导入学法计划): "{year}-{month:00}/{normalised topic}", the key a re-import matches on.</summary>
    public string? PlanKey { get; set; }
    /// <summary>A make-up exam (补考): the exam session and date it repeats; its scores count as further attempts there.</summary>
    public int? MakeUpOfSessionId { get; set; }
    public DateOnly? MakeUpOfDate { get; set; }
    /// <summary>A room or a meeting link.</summary>
    public string? Location { get; set; }
    public string? MaterialsUrl { get; set; }
    /// <summary>The outline or materials the presenter gave for one occurrence (学法材料).</summary>
    public List<StudyOccurrenceMaterials> OccurrenceMaterials { get; set; } = new();
    public List<string> ExpectedParticipants { get; set; } = new();
    public StudyRule Rule { get; set; } = new();
    /// <summary>The rule as the clerk typed it, shown back in lists.</summary>
    public string RuleText { get; set; } = "";
    /// <summary>Occurrences starting before this instant are not part of the series (the series begins when it is scheduled).</summary>
    public DateTimeOffset SeriesStartUtc { get; set; }
    public List<StudyOccurrenceChange> Changes { get; set; } = new();
    /// <summary>A Teams meeting chat (its workspace id) linked by 关联会议: its meetings sign people in to this session.</summary>
    public string? MeetingWorkspaceId { get; set; }
    /// <summary>The conversation it was scheduled in; reminders go there.</summary>
    public string? ConversationId { get; set; }
    public string? CreatedBy { get; set; }
    public string? CreatedByName { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }

    /// <summary>What the presenter gave for the occurrence on this rule date, if anything.</summary>
    public StudyOccurrenceMaterials? MaterialsOn(DateOnly date) => OccurrenceMaterials.FirstOrDefault(m => m.Date == date);

    /// <summary>
    /// Whether an occurrence has its materials: given for it, or — a one-off session — a link set when it was scheduled.
    /// A series' link is the series' reading, not the presenter's outline for one month.
    /// </summary>
    public bool HasMaterialsFor(DateOnly date) => MaterialsOn(date) is not null || (!Rule.IsRecurring && MaterialsUrl is not null);
}
