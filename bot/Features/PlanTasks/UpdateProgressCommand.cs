using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 更新进度 N / update task N: opens the progress card; "更新进度 N 60 说明" saves at once; the card's submit
/// (verb task.progress, carrying the task id) saves too. The card is stateless, so it works after a restart.
/// </summary>
internal sealed class UpdateProgressCommand(PlanTaskStore store, IOptions<PlanTaskOptions> options) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["更新进度", "报告进度", "update task", "update progress"];
    public IReadOnlyList<string> Verbs => [PlanTaskCards.ProgressVerb, PlanTaskCards.ProgressFormVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "更新进度 编号", "update task N", "填写任务进度和进展情况", "Report progress on a task", 32)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var yellow = options.Value.YellowDaysFor(ctx.Workspace);
        if (args.Field("verb") == PlanTaskCards.ProgressFormVerb)
            args = new CommandArgs(args.Field("taskId") ?? "", null); // the details card's button: show the form
        if (args.Data is not null)
        {
            await SaveFromCardAsync(ctx, args, yellow);
            return;
        }
        if (!TaskArgs.TryTaskId(args.Text, out var id, out var rest))
        {
            await ctx.SendTextAsync(ctx.T("请带上任务编号,例如“更新进度 12”。输入“任务列表”查看编号。", "Add the task number, e.g. \"update task 12\". Type \"tasks\" to see the numbers."));
            return;
        }
        var task = store.Get(ctx.Workspace.Id, id);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id)); return; }
        if (!task.IsOpen) { await ctx.SendTextAsync(TaskArgs.Closed(ctx, task)); return; }

        if (rest.Length > 0)
        {
            // "60 已完成初稿" / "60% 已完成初稿"
            var parts = rest.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (int.TryParse(parts[0].TrimEnd('%'), out var percent))
            {
                if (percent is < 0 or > 100) { await ctx.SendTextAsync(ctx.T("进度应在 0 到 100 之间。", "Progress must be between 0 and 100.")); return; }
                await SaveAsync(ctx, task, percent, parts.Length > 1 ? parts[1] : "");
                return;
            }
            await ctx.SendTextAsync(ctx.T($"没能识别进度“{parts[0]}”。格式:更新进度 {id} 60 进展说明", $"Could not read the progress \"{parts[0]}\". Format: update task {id} 60 what was done"));
            return;
        }
        if (!ctx.Capabilities.AdaptiveCards)
        {
            await ctx.SendTextAsync(PlanTaskCards.Line(ctx.Lang, task, ctx.Today, yellow, withOwner: true) + "\n\n"
                + ctx.T($"请回复:更新进度 {id} 进度百分比 进展说明,例如“更新进度 {id} 60 已完成初稿”。",
                    $"Reply: update task {id} <percent> <what was done>, e.g. \"update task {id} 60 draft done\"."));
            return;
        }
        await ctx.SendCardAsync(PlanTaskCards.Progress(ctx.Lang, task, ctx.Today, yellow));
    }

    private async Task SaveFromCardAsync(TurnContext ctx, CommandArgs args, int yellow)
    {
        var id = TaskArgs.IntField(args, "taskId");
        var task = id is null ? null : store.Get(ctx.Workspace.Id, id.Value);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id ?? 0)); return; }
        if (!task.IsOpen) { await ctx.SendTextAsync(TaskArgs.Closed(ctx, task)); return; }
        var percent = TaskArgs.IntField(args, "progress");
        if (percent is not (>= 0 and <= 100))
        {
            await ctx.SupersedeClickedCardAsync();
            await ctx.SendCardAsync(PlanTaskCards.Progress(ctx.Lang, task, ctx.Today, yellow, ctx.T("进度应为 0 到 100 之间的整数,请重新填写。", "Progress must be a whole number from 0 to 100; please try again.")));
            return;
        }
        var saved = await SaveAsync(ctx, task, percent.Value, args.Field("note") ?? "");
        // The form becomes a read-only record, so it cannot be submitted twice by accident.
        await ctx.CloseClickedCardAsync(new ChatBot.Cards.AdaptiveCards.AdaptiveCard().Add(
            ChatBot.Cards.AdaptiveCards.TextBlock.Heading(ctx.T($"已更新进度:{saved.Progress}%", $"Progress updated: {saved.Progress}%")),
            PlanTaskCards.Facts(ctx.Lang, saved, ctx.Today, yellow)));
    }

    private async Task<PlanTask> SaveAsync(TurnContext ctx, PlanTask task, int percent, string note)
    {
        var saved = store.UpdateProgress(ctx.Workspace.Id, task.Id, percent, note.Length > 1000 ? note[..1000] : note, TaskArgs.ActorOf(ctx), ctx.Now)!;
        var hint = percent == 100 ? ctx.T($"已到 100%,完成后请输入“办结 {task.Id}”提交办结反馈。", $" At 100 %: type \"complete {task.Id}\" to close it with feedback.") : "";
        var text = ctx.T($"已更新任务 #{saved.Id}“{saved.Title}”进度为 {saved.Progress}%。", $"Task #{saved.Id} \"{saved.Title}\" is now at {saved.Progress}%.") + hint;
        // The update answers an open 催办 (#24): the one who chased is told, by an @mention, that the owner responded.
        if (task.Supervision.OpenChase is { } chase && saved.Supervision.OpenChase is null)
        {
            var mentions = chase.ByKey is { Length: > 0 } key ? Mentions.ForKeys(ctx.Workspace, [(key, chase.ByName)]) : Mentions.None;
            var chaser = mentions.TextFor(chase.ByName);
            text += chase.ByName.Length == 0 ? ctx.T("\n\n已回应催办。", "\n\nThis answers the chase.")
                : ctx.T($"\n\n已回应 {chaser} 的催办。", $"\n\nThis answers the chase by {chaser}.");
            await ctx.SendActivityAsync(new ChatBot.Bot.Channels.BotFramework.Schema.Activity
                { Type = ChatBot.Bot.Channels.BotFramework.Schema.ActivityTypes.Message, TextFormat = "markdown", Text = text, Entities = mentions.Entities });
            return saved;
        }
        await ctx.SendTextAsync(text);
        return saved;
    }
}
