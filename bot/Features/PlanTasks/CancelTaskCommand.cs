using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>取消任务 N 原因 / cancel task N reason: marks a task 已取消 (e.g. dropped from the plan); the reason is audited.</summary>
internal sealed class CancelTaskCommand(PlanTaskStore store) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["取消任务", "撤销任务", "cancel task", "drop task"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "取消任务 编号 原因", "cancel task N reason", "将任务标记为已取消", "Mark a task as cancelled", 37)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!TaskArgs.TryTaskId(args.Text, out var id, out var reason) || reason.Trim().Length < 2)
        {
            await ctx.SendTextAsync(ctx.T("请写明编号和原因,例如“取消任务 12 已并入第8项”。", "Give the number and a reason, e.g. \"cancel task 12 merged into #8\"."));
            return;
        }
        var task = store.Get(ctx.Workspace.Id, id);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id)); return; }
        if (!task.IsOpen) { await ctx.SendTextAsync(TaskArgs.Closed(ctx, task)); return; }
        store.Cancel(ctx.Workspace.Id, id, reason.Trim(), TaskArgs.ActorOf(ctx), ctx.Now);
        await ctx.SendTextAsync(ctx.T($"任务 #{id}“{task.Title}”已取消。", $"Task #{id} \"{task.Title}\" is cancelled."));
    }
}
