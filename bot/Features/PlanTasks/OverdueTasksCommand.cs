using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>逾期任务 / overdue [mine]: overdue (red) and soon-due (yellow) tasks grouped by owner; on-track ones counted.</summary>
internal sealed class OverdueTasksCommand(PlanTaskStore store, IOptions<PlanTaskOptions> options, OwnerBindingStore bindings) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["逾期任务", "逾期", "督办", "overdue tasks", "overdue"];
    public IReadOnlyList<string> Verbs => ["tasks.overdue"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "逾期任务", "overdue", "按责任人列出逾期(红)和即将到期(黄)的任务", "Overdue (red) and soon-due (yellow) tasks by owner", 30)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var today = ctx.Today;
        var yellow = options.Value.YellowDaysFor(ctx.Workspace);
        var open = store.Open(ctx.Workspace.Id);
        var mine = args.Text.Trim().ToLowerInvariant() is "mine" or "我的";
        if (mine)
        {
            var mineBound = bindings.Of(ctx.Workspace.Id);
            open = open.Where(t => TaskArgs.IsMine(t, ctx, mineBound)).ToList();
        }
        // 待验收 (#24): the owners have reported these done, so they are not overdue; the admins still have to act.
        var pending = mine ? [] : store.AwaitingAcceptance(ctx.Workspace.Id);
        if (open.Count == 0 && !mine && store.All(ctx.Workspace.Id).Count == 0)
        {
            await ctx.SendTextAsync(TaskArgs.NoTasksYet(ctx));
            return;
        }
        var urgent = open.Where(t => t.UrgencyOn(today, yellow) is TaskUrgency.Overdue or TaskUrgency.DueSoon).ToList();
        var green = open.Count - urgent.Count;
        var overdue = urgent.Count(t => t.UrgencyOn(today, yellow) == TaskUrgency.Overdue);
        var summary = ctx.T($"🔴 逾期 {overdue} 项 · 🟡 {yellow}天内到期 {urgent.Count - overdue} 项 · 🟢 进展正常 {green} 项",
            $"🔴 {overdue} overdue · 🟡 {urgent.Count - overdue} due within {yellow} days · 🟢 {green} on track");
        if (pending.Count > 0)
            summary += ctx.T($" · ⏳ 待验收 {pending.Count} 项({string.Join("、", pending.Select(t => "#" + t.Id))},用“验收 编号”)",
                $" · ⏳ {pending.Count} awaiting acceptance ({string.Join(", ", pending.Select(t => "#" + t.Id))}; \"accept N\")");
        if (!ctx.Capabilities.AdaptiveCards)
        {
            var lines = urgent.Select(t => PlanTaskCards.Line(ctx.Lang, t, today, yellow, withOwner: true));
            await ctx.SendTextAsync(summary + "\n\n" + string.Join("\n", lines));
            return;
        }
        var card = PlanTaskCards.ByOwner(ctx.Lang, ctx.T(mine ? "我的逾期及临期任务" : "逾期及临期任务", mine ? "My overdue and due-soon tasks" : "Overdue and due-soon tasks"), urgent, today, yellow, chaseButtons: true);
        if (pending.Count > 0)
        {
            card.Add(new ChatBot.Cards.AdaptiveCards.TextBlock(ctx.T($"⏳ 待验收({pending.Count} 项)", $"⏳ Awaiting acceptance ({pending.Count})")) { Weight = "Bolder", Separator = true, Wrap = true });
            foreach (var t in pending) card.Add(new ChatBot.Cards.AdaptiveCards.TextBlock(PlanTaskCards.Line(ctx.Lang, t, today, yellow, withOwner: true)) { Wrap = true });
        }
        await ctx.SendCardAsync(card, summary);
    }
}
