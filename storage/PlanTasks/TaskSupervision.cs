using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// What the supervision cycle (督办, #24) records on a task: who supports the lead department, whether the owners
/// signed for it (签收), who chased it (催办), extensions asked for and decided (延期申请), acceptance (验收) and the
/// leaders' instructions (领导批示). Missing on tasks made before the cycle existed: read as empty.
/// </summary>
public sealed class TaskSupervision
{
    /// <summary>配合单位: the supporting departments, in the order given.</summary>
    public List<string> SupportUnits { get; set; } = new();
    /// <summary>重点 task: 办结 needs 验收 unless the workspace turned acceptance off.</summary>
    public bool IsKey { get; set; }
    /// <summary>Kind of plan the task came from: "" an annual plan (年度重点), "会议督办" a meeting's decisions.</summary>
    public string PlanKind { get; set; } = "";

    /// <summary>When the owners were (last) assigned: the 签收 clock starts here. Null: assigned before 签收 existed.</summary>
    public DateTimeOffset? AssignedUtc { get; set; }
    /// <summary>When an owner signed for the task (签收); null while not signed for.</summary>
    public DateTimeOffset? AcknowledgedUtc { get; set; }
    public string? AcknowledgedBy { get; set; }

    /// <summary>催办, oldest first.</summary>
    public List<TaskChase> Chases { get; set; } = new();

    /// <summary>The deadline before the first approved extension; null when never extended.</summary>
    public DateOnly? OriginalDueDate { get; set; }
    /// <summary>延期申请, oldest first.</summary>
    public List<ExtensionRequest> Extensions { get; set; } = new();

    /// <summary>When the owner reported the task done and it went to 待验收.</summary>
    public DateTimeOffset? SubmittedForAcceptanceUtc { get; set; }
    public DateTimeOffset? AcceptedUtc { get; set; }
    public string? AcceptedBy { get; set; }
    /// <summary>Each time an admin returned the task (退回) with a reason.</summary>
    public List<AcceptanceReturn> Returns { get; set; } = new();

    /// <summary>领导批示, oldest first; the details card shows them at the top.</summary>
    public List<LeaderInstruction> Instructions { get; set; } = new();

    [BsonIgnore] public int ApprovedExtensions => Extensions.Count(e => e.Decision == ExtensionDecision.Approved);
    [BsonIgnore] public ExtensionRequest? PendingExtension => Extensions.LastOrDefault(e => e.Decision == ExtensionDecision.Pending);
    /// <summary>The chase still waiting for the owners' answer.</summary>
    [BsonIgnore] public TaskChase? OpenChase => Chases.LastOrDefault(c => c.AnsweredUtc is null);
}
