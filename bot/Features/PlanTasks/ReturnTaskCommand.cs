using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 退回 N 原因 / the 退回 button (a form for the reason): an admin returns a task from 待验收 to 进行中; the owners are
/// told why (#24).
/// </summary>
internal sealed class ReturnTaskCommand(PlanTaskStore store, SupervisionNotices notices, IOptions<PlanTaskOptions> options) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["退回", "验收退回", "return task"];
    public IReadOnlyList<string> Verbs => [SupervisionCards.ReturnFormVerb, SupervisionCards.ReturnVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "退回 编号 原因", "return task N reason", "验收不通过,退回责任人继续办理", "Return a task submitted as done, with the reason", 43)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        int? id;
        string reason;
        if (args.Data is not null) { id = TaskArgs.IntField(args, "taskId"); reason = (args.Field("reason") ?? "").Trim(); }
        else { id = TaskArgs.TryTaskId(args.Text, out var typed, out var rest) ? typed : null; reason = rest.Trim(); }
        if (id is null) { await ctx.SendTextAsync(ctx.T("格式:退回 编号 原因,例如“退回 12 缺少佐证材料”。", "Format: return task N reason, e.g. \"return task 12 evidence missing\".")); return; }
        if (!ctx.Workspace.IsAdmin(ctx.UserKey)) { await ctx.SendTextAsync(ctx.T("只有管理员可以退回任务。", "Only admins can return tasks.")); return; }
        var task = store.Get(ctx.Workspace.Id, id.Value);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id.Value)); return; }
        if (task.Status != PlanTaskStatus.PendingAcceptance) { await ctx.SendTextAsync(ctx.T($"任务 #{id} 不在待验收状态。", $"Task #{id} is not awaiting acceptance.")); return; }
        if (args.Field("verb") == SupervisionCards.ReturnFormVerb || (args.Data is null && reason.Length == 0 && ctx.Capabilities.AdaptiveCards))
        {
            await ctx.SendCardAsync(SupervisionCards.ReturnForm(ctx.Lang, task, ctx.Today, options.Value.YellowDaysFor(ctx.Workspace)));
            return;
        }
        if (reason.Length < 2 || reason.Length > 500)
        {
            await ctx.SendTextAsync(ctx.T($"请写明退回原因(2 到 500 字),例如“退回 {id} 缺少佐证材料”。", $"Give a reason (2 to 500 characters), e.g. \"return task {id} evidence missing\"."));
            return;
        }
        var returned = store.ReturnForRework(ctx.Workspace.Id, id.Value, reason, TaskArgs.ActorOf(ctx), ctx.Now)!;
        if (args.Data is not null)
            await ctx.UpdateClickedCardAsync(new AdaptiveCard().Add(TextBlock.Heading(ctx.T($"已退回:任务 #{id}", $"Returned: task #{id}")), TextBlock.Subtle(reason)));
        var (who, entities) = notices.Owners(ctx, returned);
        await ctx.SendActivityAsync(new ChatBot.Bot.Channels.BotFramework.Schema.Activity
        {
            Type = ChatBot.Bot.Channels.BotFramework.Schema.ActivityTypes.Message, TextFormat = "markdown", Entities = entities,
            Text = ctx.T($"↩️ {who}:任务 #{id}“{returned.Title}”验收未通过,已退回继续办理。原因:{reason}",
                $"↩️ {who}: task #{id} \"{returned.Title}\" was returned for more work. Reason: {reason}"),
        });
    }
}
