using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>任务列表 / tasks [mine | dept X | section [X] | all]: the workspace's plan tasks with traffic lights.</summary>
internal sealed class ListTasksCommand(PlanTaskStore store, IOptions<PlanTaskOptions> options, OwnerBindingStore bindings) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["任务列表", "我的任务", "计划任务", "tasks", "task list", "my tasks"];
    public IReadOnlyList<string> Verbs => ["tasks.list"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "任务列表 [我的|部门 X|配合 X|板块 X|待签收|待验收|全部]", "tasks [mine|dept X|support X|section X|unsigned|to accept|all]", "查看计划任务及进度", "Plan tasks and their progress", 31)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var today = ctx.Today;
        var yellow = options.Value.YellowDaysFor(ctx.Workspace);
        var raw = args.TextOr("filter") ?? "";
        var filter = raw.Trim();
        var lower = filter.ToLowerInvariant();
        var mineAlias = ctx.Text.StartsWith("我的任务", StringComparison.Ordinal) || ctx.Text.StartsWith("my tasks", StringComparison.OrdinalIgnoreCase);
        var all = lower is "all" or "全部";
        IEnumerable<PlanTask> tasks = all ? store.All(ctx.Workspace.Id) : store.Open(ctx.Workspace.Id);
        string title;
        if (mineAlias || lower is "mine" or "我的")
        {
            var mineBound = bindings.Of(ctx.Workspace.Id);
            tasks = tasks.Where(t => TaskArgs.IsMine(t, ctx, mineBound));
            title = ctx.T($"{ctx.UserName}的任务", $"Tasks of {ctx.UserName}");
        }
        else if (StripPrefix(filter, ["dept", "department", "部门", "单位"]) is { } dept)
        {
            tasks = tasks.Where(t => t.Department.Contains(dept, StringComparison.OrdinalIgnoreCase));
            title = ctx.T($"{dept}的任务", $"Tasks of {dept}");
        }
        else if (StripPrefix(filter, ["配合", "配合单位", "support"]) is { Length: > 0 } support)
        {
            // The tasks a department supports (配合单位, #24); "部门 X" lists the ones it leads.
            tasks = tasks.Where(t => t.HasSupervision && t.Supervision.SupportUnits.Any(u => u.Contains(support, StringComparison.OrdinalIgnoreCase)));
            title = ctx.T($"{support}配合的任务", $"Tasks {support} supports");
        }
        else if (lower is "待签收" or "unsigned")
        {
            tasks = tasks.Where(t => t.HasSupervision && t.Supervision.AssignedUtc is not null && t.Supervision.AcknowledgedUtc is null);
            title = ctx.T("待签收的任务", "Tasks not signed for");
        }
        else if (lower is "待验收" or "to accept")
        {
            tasks = store.AwaitingAcceptance(ctx.Workspace.Id);
            title = ctx.T("待验收的任务", "Tasks awaiting acceptance");
        }
        else if (lower is "草稿" or "drafts" or "draft")
        {
            tasks = store.Drafts(ctx.Workspace.Id);
            title = ctx.T("草稿(会议纪要中没有时限的事项,用“设定时限 编号 日期”补充)", "Drafts (decisions without a deadline; \"set deadline N DATE\")");
        }
        else if (StripPrefix(filter, ["section", "板块"]) is { } section)
        {
            tasks = tasks.Where(t => PlanTask.Normalize(t.Section).Contains(PlanTask.Normalize(section)));
            title = ctx.T($"板块:{section}", $"Section: {section}");
        }
        else title = all ? ctx.T("全部计划任务", "All plan tasks") : ctx.T("进行中的计划任务", "Open plan tasks");

        var list = tasks.ToList();
        if (!ctx.Capabilities.AdaptiveCards)
        {
            await ctx.SendTextAsync(title + "\n\n" + (list.Count == 0 ? ctx.T("没有符合条件的任务。", "No matching tasks.")
                : string.Join("\n", list.Select(t => PlanTaskCards.Line(ctx.Lang, t, today, yellow, withOwner: true)))));
            return;
        }
        await ctx.SendCardAsync(PlanTaskCards.BySection(ctx.Lang, title + ctx.T($"({list.Count} 项)", $" ({list.Count})"), list, today, yellow, chaseButtons: true));
    }

    /// <summary>"dept 司法所" → "司法所"; "section" alone → "" (all sections); otherwise null.</summary>
    private static string? StripPrefix(string text, string[] prefixes)
    {
        foreach (var p in prefixes)
            if (text.StartsWith(p, StringComparison.OrdinalIgnoreCase))
            {
                var rest = text[p.Length..].Trim().TrimStart(':', ':').Trim();
                if (text.Length == p.Length || !char.IsAsciiLetter(p[^1]) || !char.IsAsciiLetter(text[p.Length])) return rest;
            }
        return null;
    }
}
