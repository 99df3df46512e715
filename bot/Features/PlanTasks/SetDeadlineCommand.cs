using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.PlanTasks.Import;
using ChatBot.Cards.Help;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 设定时限 N 2026-12-20 / set deadline N DATE (#24): a draft (a decision of imported minutes without a deadline) gets
/// its deadline and becomes a task. The deadline is never guessed: the clerk gives it.
/// </summary>
internal sealed class SetDeadlineCommand(PlanTaskStore store) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["设定时限", "补充时限", "设置时限", "set deadline"];
    public IReadOnlyList<string> Verbs => ["tasks.deadline"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "设定时限 编号 日期", "set deadline N DATE", "给没有时限的草稿补充时限,使其成为正式任务", "Give a draft its deadline, making it a task", 37)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!TaskArgs.TryTaskId(args.Text, out var id, out var rest) || rest.Trim().Length == 0)
        {
            await ctx.SendTextAsync(ctx.T("请写编号和时限,例如“设定时限 12 2026-12-20”。输入“任务列表 草稿”查看草稿。",
                "Give the number and the deadline, e.g. \"set deadline 12 2026-12-20\". Type \"tasks drafts\" to see the drafts."));
            return;
        }
        var task = store.Get(ctx.Workspace.Id, id);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id)); return; }
        if (task.Status != PlanTaskStatus.Draft)
        {
            await ctx.SendTextAsync(ctx.T($"任务 #{id} 不是草稿,已有时限 {ctx.Lang.Date(task.DueDate)}。修改时限请用“编辑任务 {id}”或“申请延期”。",
                $"Task #{id} is not a draft; it is due {ctx.Lang.Date(task.DueDate)}. Use \"edit task {id}\" or an extension request to change it."));
            return;
        }
        var due = DeadlineParser.Parse(rest.Trim(), task.PlanYear > 0 ? task.PlanYear : ctx.Today.Year);
        if (due is null)
        {
            await ctx.SendTextAsync(ctx.T("没看懂这个时限。请写日期,如“2026-12-20”“12月31日”“12月底”。", "I didn't understand that deadline. Write a date such as \"2026-12-20\"."));
            return;
        }
        var saved = store.SetDeadline(ctx.Workspace.Id, id, due.Value, TaskArgs.ActorOf(ctx), ctx.Now);
        if (saved is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id)); return; }
        await ctx.SendTextAsync(ctx.T($"任务 #{id}“{saved.Title}”时限定为 {ctx.Lang.Date(due.Value)},已转为正式任务。",
            $"Task #{id} \"{saved.Title}\" is now due {ctx.Lang.Date(due.Value)} and is a task."));
    }
}
