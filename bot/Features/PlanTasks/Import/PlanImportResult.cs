using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>What an import understood: the tasks, and the lines/rows it could not use (shown in the preview).</summary>
internal sealed class PlanImportResult
{
    public List<PlanTaskDraft> Tasks { get; } = new();
    public List<ImportProblem> Problems { get; } = new();
}

/// <summary>A line or row an import could not use, said in both languages (the preview is in the reader's).</summary>
internal sealed record ImportProblem(string Zh, string En)
{
    public string In(ChatBot.Cards.Lang lang) => lang.T(Zh, En);
}

/// <summary>Owner lists as people write them: "张三、李四", "张三,李四", "张三;李四".</summary>
internal static class OwnerList
{
    private static readonly char[] Separators = ['、', ',', '，', ';', '；', '/', '|', ' ', '\u3000'];

    public static List<string> Split(string? s) =>
        (s ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
