using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>One 催办: who chased when, and when the owners answered (their next progress update).</summary>
public sealed class TaskChase
{
    public DateTimeOffset AtUtc { get; set; }
    public string? ByKey { get; set; }
    public string ByName { get; set; } = "";
    public DateTimeOffset? AnsweredUtc { get; set; }
    public string? AnsweredBy { get; set; }
}
