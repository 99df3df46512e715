using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>An admin returned a task from 待验收 to 进行中.</summary>
public sealed class AcceptanceReturn
{
    public DateTimeOffset AtUtc { get; set; }
    public string ByName { get; set; } = "";
    public string Reason { get; set; } = "";
}
