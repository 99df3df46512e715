using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>A task as parsed from an import or a form, before it is saved.</summary>
public sealed class PlanTaskDraft
{
    public int PlanYear { get; set; }
    public string PlanTitle { get; set; } = "";
    public string Section { get; set; } = "";
    public string Title { get; set; } = "";
    public List<string> Owners { get; set; } = new();
    public string Department { get; set; } = "";
    public DateOnly DueDate { get; set; }
    /// <summary>配合单位 (#24).</summary>
    public List<string> SupportUnits { get; set; } = new();
    /// <summary>重点 task (#24): needs 验收 unless the workspace turned it off.</summary>
    public bool IsKey { get; set; }
    /// <summary>"" an annual plan (年度重点), <see cref="MeetingPlanKind"/> a meeting's decisions (#24).</summary>
    public string PlanKind { get; set; } = "";

    public const string MeetingPlanKind = "会议督办";
}
