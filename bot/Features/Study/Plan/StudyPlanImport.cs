using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study.Plan;

/// <summary>What a plan import understood: the year, the usual day it assumed, the sessions, and the rows it could not use.</summary>
internal sealed class StudyPlanImport
{
    public int Year { get; set; }
    public StudyRule UsualRule { get; set; } = new();
    public List<StudyPlanRow> Rows { get; } = new();
    public List<ImportProblem> Problems { get; } = new();
}
