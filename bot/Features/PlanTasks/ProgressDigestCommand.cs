using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 进度公开 / weekly progress: the progress digest of every task (每星期一公开进度), on demand. It is the card the Monday
/// reminder posts, built for today: a clerk who missed Monday's, or wants it after an update, asks for it.
/// </summary>
internal sealed class ProgressDigestCommand(PlanTaskStore store, WorkspaceStore workspaces, OwnerBindingStore bindings, IOptions<PlanTaskOptions> options) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["进度公开", "本周进度", "工作进度", "weekly progress", "progress digest", "plan progress"];
    public IReadOnlyList<string> Verbs => ["tasks.digest"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "进度公开", "weekly progress", "全部任务的进度公开(每周一也自动发送)", "Progress of every task (also posted every Monday)", 33)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var all = store.Overview(ctx.Workspace.Id);
        if (all.Count == 0)
        {
            await ctx.SendTextAsync(TaskArgs.NoTasksYet(ctx));
            return;
        }
        var today = ctx.Today;
        var yellow = options.Value.YellowDaysFor(ctx.Workspace);
        var unbound = Mentions.Unbound(store.Open(ctx.Workspace.Id).Concat(store.AwaitingAcceptance(ctx.Workspace.Id)),
            workspaces.MembersOf(ctx.Workspace.Id), bindings.Of(ctx.Workspace.Id));
        var (card, text) = Build(ctx.Lang, all, store.Overdue(ctx.Workspace.Id, today).Count, today, yellow, unbound);
        if (ctx.Capabilities.AdaptiveCards) await ctx.SendCardAsync(card, text);
        else await ctx.SendTextAsync(text + "\n\n" + string.Join("\n", card.Body.OfType<TextBlock>().Skip(1).Select(b => b.Text)));
    }

    /// <summary>The digest card and its one-line summary: the same for the Monday reminder and for this command.</summary>
    public static (AdaptiveCard Card, string Text) Build(Lang lang, TaskOverview all, int overdue, DateOnly today, int yellowDays,
        IReadOnlyList<string>? unbound = null)
    {
        var card = PlanTaskCards.Digest(lang, WeekLabel(lang, today), all, today, yellowDays, unbound);
        var pending = all.PendingCount > 0 ? lang.T($"待验收 {all.PendingCount} 项,", $"{all.PendingCount} awaiting acceptance, ") : "";
        var text = lang.T($"📋 本周工作计划进度公开:共 {all.Count} 项,已办结 {all.DoneCount} 项,{pending}逾期 {overdue} 项。",
            $"📋 Weekly plan progress: {all.Count} tasks, {all.DoneCount} done, {pending}{overdue} overdue.");
        return (card, text);
    }

    /// <summary>The week as a clerk says it: "第11周,3月9日–3月15日" / "week 11, Mar 9 – Mar 15" (ISO weeks, Monday first).</summary>
    public static string WeekLabel(Lang lang, DateOnly day)
    {
        var dt = day.ToDateTime(TimeOnly.MinValue);
        var week = System.Globalization.ISOWeek.GetWeekOfYear(dt);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var sunday = monday.AddDays(6);
        var en = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        return lang.T($"第{week}周,{monday.Month}月{monday.Day}日–{sunday.Month}月{sunday.Day}日",
            $"week {week}, {monday.ToString("MMM d", en)} – {sunday.ToString("MMM d", en)}");
    }

    /// <summary>The digest's week, "2026-W11" (ISO 8601): part of the Monday reminder's outbox key.</summary>
    public static string IsoWeek(DateOnly day)
    {
        var dt = day.ToDateTime(TimeOnly.MinValue);
        return $"{System.Globalization.ISOWeek.GetYear(dt)}-W{System.Globalization.ISOWeek.GetWeekOfYear(dt):00}";
    }
}
