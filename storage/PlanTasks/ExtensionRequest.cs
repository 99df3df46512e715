using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>One 延期申请 and what the admins decided.</summary>
public sealed class ExtensionRequest
{
    public DateTimeOffset RequestedUtc { get; set; }
    public string? ByKey { get; set; }
    public string ByName { get; set; } = "";
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public string Reason { get; set; } = "";
    public ExtensionDecision Decision { get; set; }
    public DateTimeOffset? DecidedUtc { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
}
