using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>验收 N / the 验收通过 button: an admin accepts a task waiting for 验收, which is then 已办结 (#24).</summary>
internal sealed class AcceptTaskCommand(PlanTaskStore store, SupervisionNotices notices) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["验收", "验收通过", "accept task"];
    public IReadOnlyList<string> Verbs => [SupervisionCards.AcceptVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "验收 编号", "accept task N", "管理员验收已提交办结的任务", "An admin accepts a task submitted as done", 42)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var id = args.Data is not null ? TaskArgs.IntField(args, "taskId") : TaskArgs.TryTaskId(args.Text, out var typed, out _) ? typed : null;
        if (id is null)
        {
            var waiting = store.AwaitingAcceptance(ctx.Workspace.Id);
            await ctx.SendTextAsync(waiting.Count == 0 ? ctx.T("没有待验收的任务。", "No tasks await acceptance.")
                : ctx.T("待验收:", "Awaiting acceptance: ") + string.Join("、", waiting.Select(t => $"#{t.Id} {t.Title}")) + ctx.T("。输入“验收 编号”验收通过,“退回 编号 原因”退回。", ". Type \"accept task N\" or \"return task N reason\"."));
            return;
        }
        if (!ctx.Workspace.IsAdmin(ctx.UserKey)) { await ctx.SendTextAsync(ctx.T("只有管理员可以验收。", "Only admins can accept tasks.")); return; }
        var existing = store.Get(ctx.Workspace.Id, id.Value);
        if (existing is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id.Value)); return; }
        var task = store.Accept(ctx.Workspace.Id, id.Value, TaskArgs.ActorOf(ctx), ctx.Now);
        if (task is null) { await ctx.SendTextAsync(ctx.T($"任务 #{id} 不在待验收状态。", $"Task #{id} is not awaiting acceptance.")); return; }
        if (args.Data is not null)
            await ctx.UpdateClickedCardAsync(new AdaptiveCard().Add(TextBlock.Heading(ctx.T($"已验收:任务 #{id}", $"Accepted: task #{id}")), TextBlock.Subtle(ctx.UserName)));
        var (who, entities) = notices.Owners(ctx, task);
        await ctx.SendActivityAsync(new ChatBot.Bot.Channels.BotFramework.Schema.Activity
        {
            Type = ChatBot.Bot.Channels.BotFramework.Schema.ActivityTypes.Message, TextFormat = "markdown", Entities = entities,
            Text = ctx.T($"✅ {who}:任务 #{id}“{task.Title}”验收通过,已办结。", $"✅ {who}: task #{id} \"{task.Title}\" is accepted and done."),
        });
    }
}
