using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.Board;

/// <summary>A key task as the board shows it: no owner names unless <see cref="BoardOptions.ShowsOwners"/>.</summary>
internal sealed record BoardTask(string Title, string Responsible, TaskUrgency Light, int Progress, DateOnly DueDate);
