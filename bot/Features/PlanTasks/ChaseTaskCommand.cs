using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 催办 N / the 催办 button on overdue and yellow tasks (#24): @mentions the owners with the task and a 更新进度 button,
/// and records who chased when. At most one chase per task per day; the owners' next update answers it.
/// </summary>
internal sealed class ChaseTaskCommand(PlanTaskStore store, SupervisionNotices notices, IOptions<PlanTaskOptions> options) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["催办", "chase task", "chase"];
    public IReadOnlyList<string> Verbs => [SupervisionCards.ChaseVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "催办 编号", "chase task N", "提醒责任人报告逾期或即将到期任务的进展", "Chase the owners of an overdue or due-soon task", 40)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var id = args.Data is not null ? TaskArgs.IntField(args, "taskId") : TaskArgs.TryTaskId(args.Text, out var typed, out _) ? typed : null;
        if (id is null) { await ctx.SendTextAsync(ctx.T("请带上任务编号,例如“催办 12”。", "Add the task number, e.g. \"chase task 12\".")); return; }
        var task = store.Get(ctx.Workspace.Id, id.Value);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id.Value)); return; }
        if (!task.IsOpen) { await ctx.SendTextAsync(TaskArgs.Closed(ctx, task)); return; }
        var yellow = options.Value.YellowDaysFor(ctx.Workspace);
        if (task.UrgencyOn(ctx.Today, yellow) is not (TaskUrgency.Overdue or TaskUrgency.DueSoon))
        {
            await ctx.SendTextAsync(ctx.T($"任务 #{id} 进度正常(截止{ctx.Lang.Date(task.DueDate)}),逾期或即将到期的任务才需要催办。",
                $"Task #{id} is on track (due {ctx.Lang.Date(task.DueDate)}); only overdue or due-soon tasks are chased."));
            return;
        }
        if (!ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有管理员(督查办)可以催办。", "Only admins (the supervision office) can chase a task."));
            return;
        }
        if (!store.Chase(ctx.Workspace.Id, id.Value, TaskArgs.ActorOf(ctx), ctx.Now, ctx.TimeZone, out var chased) || chased is null)
        {
            await ctx.SendTextAsync(ctx.T($"任务 #{id} 今天已经催办过了,明天再催。", $"Task #{id} was already chased today; chase again tomorrow."));
            return;
        }
        var (who, entities) = notices.Owners(ctx, chased);
        var card = SupervisionCards.Chase(ctx.Lang, chased, who, ctx.UserName, ctx.Today, yellow);
        await ctx.SendCardAsync(card, ctx.T($"{who} 请报告任务 #{id} 的进展。", $"{who} please report progress on task #{id}."), entities);
    }
}
