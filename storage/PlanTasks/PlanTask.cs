using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>One task of a workspace's annual plan (工作计划), chased by the supervision office (督查办).</summary>
public sealed class PlanTask
{
    /// <summary>The number people type: "更新进度 12".</summary>
    [BsonId(true)] public int Id { get; set; }
    public string WorkspaceId { get; set; } = "";
    public int PlanYear { get; set; }
    public string PlanTitle { get; set; } = "";
    /// <summary>e.g. "(三)进一步规范行政执法行为"; empty when the plan has no sections.</summary>
    public string Section { get; set; } = "";
    public string Title { get => _title ??= _titleUtf8.Decode(); set => (_title, _titleUtf8) = (value, default); }
    /// <summary>Names of the people responsible (责任人).</summary>
    public List<string> Owners { get; set; } = new();
    /// <summary>Channel user keys ("msteams:29:…") of owners, when known.</summary>
    public List<string> OwnerUserKeys { get => _ownerUserKeys ??= new(); set => _ownerUserKeys = value; }
    /// <summary>责任部门 / 责任单位.</summary>
    public string Department { get; set; } = "";
    public DateOnly DueDate { get; set; }
    public PlanTaskStatus Status { get; set; } = PlanTaskStatus.NotStarted;
    public int Progress { get; set; }
    public List<ProgressNote> Notes { get => _notes ??= new(); set => _notes = value; }
    /// <summary>办结反馈: required to close a task (件件有反馈).</summary>
    public string? Feedback { get; set; }
    public DateTimeOffset? CompletedUtc { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>Re-import identity: workspace, plan year and title, section, task title (normalised). Unique.</summary>
    public string IdentityKey { get => _identityKey ??= _identityKeyUtf8.Decode(); set => (_identityKey, _identityKeyUtf8) = (value, default); }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }

    // ── 督办 supervision cycle (#24): 牵头/配合, 签收, 催办, 延期, 验收, 批示 ───────────────────────────────────────
    // The lead department (牵头单位) is Department above; everything else the cycle records is in Supervision, which the
    // list snapshots carry whole (TaskSnapshot), so lists, filters and the appraisal can read it without loading tasks.
    public TaskSupervision Supervision { get => _supervision ??= new(); set => _supervision = value; }
    /// <summary>Whether the task has any supervision record yet (without creating one).</summary>
    [BsonIgnore] public bool HasSupervision => _supervision is not null;
    private TaskSupervision? _supervision;
    // ── end of the supervision block ───────────────────────────────────────────────────────────────────────────────

    // A task decoded from a snapshot (TaskSnapshot) keeps its title and identity as UTF-8 in the snapshot until they are
    // read: the reminder tick decodes tens of thousands of overdue tasks and shows the titles of a few dozen. Two
    // threads reading at once may both decode; they get equal strings. The lists are made when first read: most
    // tasks in memory have no owner keys, and the snapshot's tasks carry no notes.
    private string? _title = "";
    private Utf8Text _titleUtf8;
    private string? _identityKey = "";
    private Utf8Text _identityKeyUtf8;
    private List<string>? _ownerUserKeys;
    private List<ProgressNote>? _notes;

    /// <summary>Title and identity read from <paramref name="title"/> and <paramref name="identity"/> when first asked for.</summary>
    internal void SetUtf8(Utf8Text title, Utf8Text identity)
    {
        (_title, _titleUtf8) = (null, title);
        (_identityKey, _identityKeyUtf8) = (null, identity);
    }

    [BsonIgnore] public bool IsOpen => Status is PlanTaskStatus.NotStarted or PlanTaskStatus.InProgress;

    /// <summary>Due today is not overdue; due within <paramref name="yellowDays"/> days (inclusive) is yellow.</summary>
    public TaskUrgency UrgencyOn(DateOnly today, int yellowDays) => Urgency(Status, DueDate, today, yellowDays);

    internal static TaskUrgency Urgency(PlanTaskStatus status, DateOnly dueDate, DateOnly today, int yellowDays)
    {
        if (status is not (PlanTaskStatus.NotStarted or PlanTaskStatus.InProgress)) return TaskUrgency.Closed;
        if (dueDate < today) return TaskUrgency.Overdue;
        return dueDate <= today.AddDays(yellowDays) ? TaskUrgency.DueSoon : TaskUrgency.OnTrack;
    }

    public int DaysOverdue(DateOnly today) => Math.Max(0, today.DayNumber - DueDate.DayNumber);

    /// <summary>LiteDB refuses an index key of 1,023 bytes or more: the longest identity a task may have, in UTF-8 bytes.</summary>
    public const int MaxIdentityBytes = 1000;

    public static bool IdentityFits(string identity) => System.Text.Encoding.UTF8.GetByteCount(identity) <= MaxIdentityBytes;

    public static string Identity(string workspaceId, int year, string planTitle, string section, string title) =>
        string.Join("\u001f", workspaceId, year.ToString(), Normalize(planTitle), Normalize(section), Normalize(title));

    /// <summary>Half-width, no white space, no trailing full stop: "(三) 规范执法。" = "(三)规范执法".</summary>
    public static string Normalize(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var raw in s)
        {
            var c = raw switch { '\u3000' => ' ', >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0), _ => raw };
            if (!char.IsWhiteSpace(c)) sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString().TrimEnd('。', '.', ';', ';');
    }
}
