using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 申请延期 N 2026-12-31 原因 / the 申请延期 button (a form): an owner asks for a later deadline; the admins get a card
/// to approve or refuse (#24). One request at a time per task.
/// </summary>
internal sealed class RequestExtensionCommand(PlanTaskStore store, SupervisionNotices notices, IOptions<PlanTaskOptions> options) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["申请延期", "延期申请", "ask extension", "extend task"];
    public IReadOnlyList<string> Verbs => [SupervisionCards.ExtensionFormVerb, SupervisionCards.ExtensionVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "申请延期 编号 日期 原因", "ask extension N date reason", "申请推迟完成时限,由管理员审批", "Ask the admins for a later due date", 41)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var yellow = options.Value.YellowDaysFor(ctx.Workspace);
        int? id;
        DateOnly? to = null;
        string reason;
        var fromCard = args.Data is not null;
        if (fromCard)
        {
            id = TaskArgs.IntField(args, "taskId");
            reason = (args.Field("reason") ?? "").Trim();
            if (DateOnly.TryParseExact(args.Field("to")?.Trim(), "yyyy-MM-dd", out var d)) to = d;
        }
        else
        {
            id = TaskArgs.TryTaskId(args.Text, out var typed, out var rest) ? typed : null;
            var parts = (rest ?? "").Split(' ', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            reason = parts.Length > 1 ? parts[1] : "";
            if (parts.Length > 0) to = DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var d) ? d : DeadlineParser.Parse(parts[0], ctx.Today.Year);
        }
        if (id is null)
        {
            await ctx.SendTextAsync(ctx.T("格式:申请延期 编号 日期 原因,例如“申请延期 12 2026-12-31 需等待上级批复”。",
                "Format: ask extension N date reason, e.g. \"ask extension 12 2026-12-31 waiting for approval\"."));
            return;
        }
        var task = store.Get(ctx.Workspace.Id, id.Value);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id.Value)); return; }
        if (!task.IsOpen) { await ctx.SendTextAsync(TaskArgs.Closed(ctx, task)); return; }
        if (task.Supervision.PendingExtension is { } waiting)
        {
            await ctx.SendTextAsync(ctx.T($"任务 #{id} 已有一项延期申请(延至{ctx.Lang.Date(waiting.ToDate)})在等待审批。", $"Task #{id} already has a request (to {ctx.Lang.Date(waiting.ToDate)}) awaiting a decision."));
            return;
        }
        if (args.Field("verb") == SupervisionCards.ExtensionFormVerb || (!fromCard && to is null && reason.Length == 0 && ctx.Capabilities.AdaptiveCards))
        {
            await ctx.SendCardAsync(SupervisionCards.ExtensionForm(ctx.Lang, task, ctx.Today, yellow));
            return;
        }
        string? problem = to is null ? ctx.T("没能识别延期日期,请写成 2026-12-31。", "Could not read the new date; write it as 2026-12-31.")
            : to <= task.DueDate ? ctx.T($"延期日期应晚于现在的时限 {ctx.Lang.Date(task.DueDate)}。", $"The new date must be after the current due date {ctx.Lang.Date(task.DueDate)}.")
            : reason.Length < 2 ? ctx.T("请写明延期原因。", "Please give a reason.")
            : reason.Length > 500 ? ctx.T("原因请不超过 500 字。", "Please keep the reason under 500 characters.")
            : null;
        if (problem is not null)
        {
            if (fromCard) await ctx.SendCardAsync(SupervisionCards.ExtensionForm(ctx.Lang, task, ctx.Today, yellow, problem));
            else await ctx.SendTextAsync(problem + ctx.T($" 格式:申请延期 {id} 2026-12-31 原因", $" Format: ask extension {id} 2026-12-31 reason"));
            return;
        }
        if (!store.RequestExtension(ctx.Workspace.Id, id.Value, to!.Value, reason, TaskArgs.ActorOf(ctx), ctx.Now, out var saved) || saved?.Supervision.PendingExtension is not { } request)
        {
            await ctx.SendTextAsync(ctx.T($"任务 #{id} 的延期申请未能提交,请刷新后再试。", $"The request for task #{id} could not be saved; please try again."));
            return;
        }
        await ctx.SendTextAsync(ctx.T($"已提交任务 #{id} 的延期申请:延至{ctx.Lang.Date(request.ToDate)},等待管理员审批。",
            $"Asked to move task #{id} to {ctx.Lang.Date(request.ToDate)}; waiting for an admin's decision."));
        var (admins, entities) = notices.Admins(ctx);
        await ctx.SendCardAsync(SupervisionCards.ExtensionDecision(ctx.Lang, saved, request, admins, ctx.Today, yellow),
            ctx.T($"{admins} 请审批任务 #{id} 的延期申请。", $"{admins} please decide on the extension of task #{id}."), entities);
    }
}
