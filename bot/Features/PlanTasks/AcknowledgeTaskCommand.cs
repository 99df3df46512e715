using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 签收 N / the 签收 button: an owner acknowledges a newly assigned task (#24); 全部签收 on an imported plan's message
/// signs for each of its tasks the sender may sign for.
/// </summary>
internal sealed class AcknowledgeTaskCommand(PlanTaskStore store, OwnerBindingStore bindings) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["签收", "sign for task", "acknowledge task"];
    public IReadOnlyList<string> Verbs => [SupervisionCards.AcknowledgeVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "签收 编号", "sign for task N", "责任人签收新分派的任务", "Acknowledge a task assigned to you", 39)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (args.Field(SupervisionCards.TaskIdsField) is { } many)
        {
            await SignForAllAsync(ctx, many);
            return;
        }
        var id = args.Data is not null ? TaskArgs.IntField(args, "taskId") : TaskArgs.TryTaskId(args.Text, out var typed, out _) ? typed : null;
        if (id is null) { await ctx.SendTextAsync(ctx.T("请带上任务编号,例如“签收 12”。", "Add the task number, e.g. \"sign for task 12\".")); return; }
        var task = store.Get(ctx.Workspace.Id, id.Value);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id.Value)); return; }
        if (!task.IsOpen) { await ctx.SendTextAsync(TaskArgs.Closed(ctx, task)); return; }
        if (task.Supervision.AcknowledgedUtc is not null)
        {
            await ctx.SendTextAsync(ctx.T($"任务 #{id} 已由 {task.Supervision.AcknowledgedBy} 签收。", $"Task #{id} was already signed for by {task.Supervision.AcknowledgedBy}."));
            return;
        }
        if (!TaskArgs.IsMine(task, ctx, bindings.Of(ctx.Workspace.Id)) && !ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T($"任务 #{id} 的责任人是 {PlanTaskCards.OwnersText(ctx.Lang, task)},请由责任人签收。",
                $"Task #{id} is assigned to {PlanTaskCards.OwnersText(ctx.Lang, task)}; the owner signs for it."));
            return;
        }
        store.Acknowledge(ctx.Workspace.Id, id.Value, TaskArgs.ActorOf(ctx), ctx.Now);
        await ctx.SendTextAsync(ctx.T($"✅ {ctx.UserName} 已签收任务 #{id}“{task.Title}”。", $"✅ {ctx.UserName} signed for task #{id} \"{task.Title}\"."));
    }

    private async Task SignForAllAsync(TurnContext ctx, string field)
    {
        var ws = ctx.Workspace;
        var own = bindings.Of(ws.Id);
        var ids = field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, out var n) ? n : 0).Where(n => n > 0).Distinct().Take(500).ToList();
        var tasks = ids.Select(i => store.Get(ws.Id, i)).OfType<PlanTask>().Where(t => t.IsOpen).ToList();
        var mayAct = tasks.Where(t => TaskArgs.IsMine(t, ctx, own) || ws.IsAdmin(ctx.UserKey)).ToList();
        if (tasks.Count > 0 && mayAct.Count == 0)
        {
            await ctx.SendTextAsync(ctx.T($"这些任务的责任人是 {PlanTaskCards.OwnersText(ctx.Lang, tasks[0])},请由责任人签收。",
                $"These tasks are assigned to {PlanTaskCards.OwnersText(ctx.Lang, tasks[0])}; the owner signs for them."));
            return;
        }
        var signed = mayAct.Where(t => t.Supervision.AcknowledgedUtc is null)
            .Select(t => store.Acknowledge(ws.Id, t.Id, TaskArgs.ActorOf(ctx), ctx.Now)).OfType<PlanTask>().ToList();
        if (signed.Count == 0)
        {
            await ctx.SendTextAsync(ctx.T("这些任务都已签收,或已办结、撤销。", "These tasks are already signed for, done or cancelled."));
            return;
        }
        var list = string.Join(ctx.T("、", ", "), signed.Select(t => $"#{t.Id}"));
        await ctx.SendTextAsync(ctx.T($"✅ {ctx.UserName} 已签收任务 {list}(共 {signed.Count} 项)。", $"✅ {ctx.UserName} signed for tasks {list} ({signed.Count})."));
    }
}
