using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>A line or row an import could not use, said in both languages (the preview is in the reader's).</summary>
internal sealed record ImportProblem(string Zh, string En)
{
    public string In(ChatBot.Cards.Lang lang) => lang.T(Zh, En);
}
