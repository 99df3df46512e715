using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>任务详情 N / task N: one task with its progress notes (who, when), completion feedback and a progress button.</summary>
internal sealed class ShowTaskCommand(PlanTaskStore store, IOptions<PlanTaskOptions> options) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["任务详情", "查看任务", "task details", "show task"];
    public IReadOnlyList<string> Verbs => ["task.show"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "任务详情 编号", "task details N", "查看任务的进展记录和办结反馈", "A task's progress notes and feedback", 38)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var id = args.Data is not null ? TaskArgs.IntField(args, "taskId") : TaskArgs.TryTaskId(args.Text, out var typed, out _) ? typed : null;
        if (id is null)
        {
            await ctx.SendTextAsync(ctx.T("请带上任务编号,例如“任务详情 12”。", "Add the task number, e.g. \"task details 12\"."));
            return;
        }
        var task = store.Get(ctx.Workspace.Id, id.Value);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id.Value)); return; }
        var yellow = options.Value.YellowDaysFor(ctx.Workspace);
        if (!ctx.Capabilities.AdaptiveCards)
        {
            var lines = task.Notes.Select(n => $"- {ctx.Lang.DateTime(TimeZoneInfo.ConvertTime(n.AtUtc, ctx.TimeZone))} {n.AuthorName} {n.Progress}% {n.Text}");
            await ctx.SendTextAsync(PlanTaskCards.Line(ctx.Lang, task, ctx.Today, yellow, withOwner: true) + "\n" + string.Join("\n", lines)
                + (task.Feedback is null ? "" : "\n" + ctx.T("办结反馈:", "Feedback: ") + task.Feedback));
            return;
        }
        await ctx.SendCardAsync(PlanTaskCards.Details(ctx.Lang, task, ctx.Today, yellow, t => TimeZoneInfo.ConvertTime(t, ctx.TimeZone)));
    }
}
