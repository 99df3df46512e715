using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>What an import understood: the tasks, and the lines/rows it could not use (shown in the preview).</summary>
internal sealed class PlanImportResult
{
    public List<PlanTaskDraft> Tasks { get; } = new();
    public List<ImportProblem> Problems { get; } = new();
}
