using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>批示 N 内容: an admin's instruction (领导批示) on a task, kept at the top of its details and sent to its owners (#24).</summary>
internal sealed class InstructTaskCommand(PlanTaskStore store, SupervisionNotices notices) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["批示", "领导批示", "instruct", "instruction"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "批示 编号 内容", "instruct N text", "管理员对任务作出批示,发送给责任人", "An admin's instruction on a task, sent to its owners", 44)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!TaskArgs.TryTaskId(args.Text, out var id, out var text) || text.Trim().Length < 2)
        {
            await ctx.SendTextAsync(ctx.T("请写明编号和批示内容,例如“批示 12 请于本周内拿出整改方案”。", "Give the number and the instruction, e.g. \"instruct 12 send the plan this week\"."));
            return;
        }
        if (!ctx.Workspace.IsAdmin(ctx.UserKey)) { await ctx.SendTextAsync(ctx.T("只有管理员可以批示。", "Only admins can give instructions.")); return; }
        if (text.Length > 1000) { await ctx.SendTextAsync(ctx.T("批示请不超过 1000 字。", "Please keep the instruction under 1,000 characters.")); return; }
        var task = store.Instruct(ctx.Workspace.Id, id, text, TaskArgs.ActorOf(ctx), ctx.Now);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id)); return; }
        var (who, entities) = notices.Owners(ctx, task);
        await ctx.SendActivityAsync(new Activity
        {
            Type = ActivityTypes.Message, TextFormat = "markdown", Entities = entities,
            Text = ctx.T($"📌 {who}:{ctx.UserName} 对任务 #{id}“{task.Title}”批示:{text.Trim()}",
                $"📌 {who}: {ctx.UserName}'s instruction on task #{id} \"{task.Title}\": {text.Trim()}"),
        });
    }
}
