using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 办结 N / complete N: asks for the completion feedback (件件有反馈) with a card or in text, and closes the task.
/// "办结 N 反馈内容" closes it at once.
/// </summary>
internal sealed class CompleteTaskDialog : WaterfallDialog
{
    public const string DialogId = "plantasks.complete";
    public const string FeedbackPromptId = "plantasks.feedback";

    private readonly PlanTaskStore _store;
    private readonly PlanTaskOptions _options;
    private readonly SupervisionNotices _notices;

    public CompleteTaskDialog(PlanTaskStore store, IOptions<PlanTaskOptions> options, SupervisionNotices notices) : base(DialogId)
    {
        _store = store;
        _notices = notices;
        _options = options.Value;
        AddStep(AskFeedbackAsync);
        AddStep(CloseTaskAsync);
    }

    /// <summary>The feedback prompt: at least a few characters, so "ok" cannot close a task.</summary>
    public static TextPrompt FeedbackPrompt() => new(FeedbackPromptId, (p, _) =>
    {
        var ok = p.Recognized.Value is { } v && v.Trim().Length >= 4;
        if (!ok) p.RetryMessage = p.Context.T("办结反馈至少写 4 个字:完成了什么、成果在哪里。", "Please write at least a short sentence: what was done and where the results are.");
        return Task.FromResult(ok);
    });

    private async Task<DialogTurnResult> AskFeedbackAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var text = s.Options?.GetValue<string>() ?? "";
        if (!TaskArgs.TryTaskId(text, out var id, out var rest))
        {
            await ctx.SendTextAsync(ctx.T("请带上任务编号,例如“办结 12”。", "Add the task number, e.g. \"complete 12\"."));
            return await s.EndDialogAsync(ct: ct);
        }
        var task = _store.Get(ctx.Workspace.Id, id);
        if (task is null) { await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id)); return await s.EndDialogAsync(ct: ct); }
        if (!task.IsOpen) { await ctx.SendTextAsync(TaskArgs.Closed(ctx, task)); return await s.EndDialogAsync(ct: ct); }
        s.Values["taskId"] = id;
        if (rest.Trim().Length >= 4) return await s.NextAsync(JsonValue.Create(rest.Trim()), ct);

        var yellow = _options.YellowDaysFor(ctx.Workspace);
        return await s.PromptAsync(FeedbackPromptId, new PromptOptions
        {
            Prompt = ctx.T($"请填写任务 #{id}“{task.Title}”的办结反馈:", $"Completion feedback for task #{id} \"{task.Title}\":"),
            Card = ctx.Capabilities.AdaptiveCards ? PlanTaskCards.Complete(ctx.Lang, task, ctx.Today, yellow).ToJsonObject() : null,
        }, ct);
    }

    private async Task<DialogTurnResult> CloseTaskAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var id = s.Values["taskId"]!.GetValue<int>();
        var feedback = s.Result?.GetValue<string>() ?? "";
        // Whether this turn closed it is decided by its state before, not by comparing timestamps.
        var before = _store.Get(ctx.Workspace.Id, id);
        var wasOpen = before?.IsOpen == true;
        var needsAcceptance = before is not null && _options.NeedsAcceptance(ctx.Workspace, before);
        var task = _store.Complete(ctx.Workspace.Id, id, feedback, TaskArgs.ActorOf(ctx), ctx.Now, needsAcceptance);
        if (task is not null && ctx.CardId is not null)
            await ctx.CloseClickedCardAsync(new ChatBot.Cards.AdaptiveCards.AdaptiveCard().Add(
                ChatBot.Cards.AdaptiveCards.TextBlock.Heading(task.Status == PlanTaskStatus.PendingAcceptance
                    ? ctx.T($"任务 #{task.Id} 已提交办结,等待验收", $"Task #{task.Id} is submitted as done, awaiting acceptance")
                    : ctx.T($"任务 #{task.Id} 已办结", $"Task #{task.Id} is done")),
                PlanTaskCards.Facts(ctx.Lang, task, ctx.Today, _options.YellowDaysFor(ctx.Workspace))));
        if (task is null) await ctx.SendTextAsync(TaskArgs.NotFound(ctx, id));
        else if (!wasOpen || task.IsOpen) await ctx.SendTextAsync(TaskArgs.Closed(ctx, task));
        else if (task.Status == PlanTaskStatus.PendingAcceptance)
        {
            // 验收 (#24): the admins accept it or return it.
            await ctx.SendTextAsync(ctx.T($"任务 #{task.Id}“{task.Title}”已提交办结,等待管理员验收。", $"Task #{task.Id} \"{task.Title}\" is submitted as done and awaits an admin's acceptance."));
            var (admins, entities) = _notices.Admins(ctx);
            await ctx.SendCardAsync(SupervisionCards.Acceptance(ctx.Lang, task, admins, ctx.Today, _options.YellowDaysFor(ctx.Workspace)),
                ctx.T($"{admins} 请验收任务 #{task.Id}。", $"{admins} please review task #{task.Id}."), entities);
        }
        else await ctx.SendTextAsync(ctx.T($"✅ 任务 #{task.Id}“{task.Title}”已办结,反馈已记录。", $"✅ Task #{task.Id} \"{task.Title}\" is done; the feedback is recorded."));
        return await s.EndDialogAsync(ct: ct);
    }

    public static BeginDialogCommand Command() => new(DialogId, ["办结", "完成任务", "complete task", "complete"], [],
        new CommandHelp("工作计划督办", "Plan tasks", "办结 编号", "complete N", "提交办结反馈并关闭任务", "Close a task with completion feedback", 33));
}
