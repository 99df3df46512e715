using LiteDB;

namespace ChatBot.Storage.PlanTasks;

public sealed class ProgressNote
{
    public DateTimeOffset AtUtc { get; set; }
    public string? AuthorKey { get; set; }
    public string AuthorName { get; set; } = "";
    public int Progress { get; set; }
    public string Text { get; set; } = "";
}
