using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>领导批示 on a task.</summary>
public sealed class LeaderInstruction
{
    public DateTimeOffset AtUtc { get; set; }
    public string? ByKey { get; set; }
    public string ByName { get; set; } = "";
    public string Text { get; set; } = "";
}
