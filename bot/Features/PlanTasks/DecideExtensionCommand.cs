using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 同意延期 N / 不同意延期 N 意见, or the buttons on the request card: an admin decides a 延期申请 (#24). Approved moves
/// the deadline (the original one is kept and the extension counted); the asker is told either way.
/// </summary>
internal sealed class DecideExtensionCommand(PlanTaskStore store, SupervisionNotices notices) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["同意延期", "不同意延期", "approve extension", "refuse extension"];
    public IReadOnlyList<string> Verbs => [SupervisionCards.ApproveExtensionVerb, SupervisionCards.RefuseExtensionVerb];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        bool approve;
        int? id;
        string note = "";
        if (args.Data is not null)
        {
            approve = args.Field("verb") == SupervisionCards.ApproveExtensionVerb;
            id = TaskArgs.IntField(args, "taskId");
        }
        else
        {
            var said = ctx.Text.TrimStart();
            approve = !(said.StartsWith("不同意", StringComparison.Ordinal) || said.StartsWith("refuse", StringComparison.OrdinalIgnoreCase));
            id = TaskArgs.TryTaskId(args.Text, out var typed, out var rest) ? typed : null;
            note = rest;
        }
        if (id is null) { await ctx.SendTextAsync(ctx.T("请带上任务编号,例如“同意延期 12”。", "Add the task number, e.g. \"approve extension 12\".")); return; }
        if (!ctx.Workspace.IsAdmin(ctx.UserKey)) { await ctx.SendTextAsync(ctx.T("只有管理员可以审批延期申请。", "Only admins can decide extension requests.")); return; }
        var request = store.DecideExtension(ctx.Workspace.Id, id.Value, approve, note, TaskArgs.ActorOf(ctx), ctx.Now, out var task);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id.Value)); return; }
        if (request is null) { await ctx.SendTextAsync(ctx.T($"任务 #{id} 没有待审批的延期申请。", $"Task #{id} has no extension request awaiting a decision.")); return; }
        var (who, entities) = notices.Owners(ctx, task);
        var text = approve
            ? ctx.T($"✅ {who}:任务 #{id} 延期申请已同意,完成时限改为 {ctx.Lang.Date(request.ToDate)}(原定 {ctx.Lang.Date(task.Supervision.OriginalDueDate ?? request.FromDate)},已延期 {task.Supervision.ApprovedExtensions} 次)。",
                $"✅ {who}: extension of task #{id} approved; now due {ctx.Lang.Date(request.ToDate)} (originally {ctx.Lang.Date(task.Supervision.OriginalDueDate ?? request.FromDate)}, extended {task.Supervision.ApprovedExtensions} time(s)).")
            : ctx.T($"{who}:任务 #{id} 的延期申请未获同意,完成时限仍为 {ctx.Lang.Date(task.DueDate)}。", $"{who}: the extension of task #{id} was refused; it is still due {ctx.Lang.Date(task.DueDate)}.");
        if (args.Data is not null)
            await ctx.UpdateClickedCardAsync(new AdaptiveCard().Add(TextBlock.Heading(approve ? ctx.T($"已同意延期:任务 #{id}", $"Extension approved: task #{id}") : ctx.T($"未同意延期:任务 #{id}", $"Extension refused: task #{id}")),
                TextBlock.Subtle(ctx.T($"{ctx.UserName} 审批", $"decided by {ctx.UserName}"))));
        await ctx.SendActivityAsync(new ChatBot.Bot.Channels.BotFramework.Schema.Activity
            { Type = ChatBot.Bot.Channels.BotFramework.Schema.ActivityTypes.Message, TextFormat = "markdown", Text = text, Entities = entities });
    }
}
