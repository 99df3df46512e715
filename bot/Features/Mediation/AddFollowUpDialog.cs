using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>回访 step by step: date, who visited, performance (已履行/部分履行/未履行), satisfaction, remaining risk, a note; then the case is shown again.</summary>
internal sealed class AddFollowUpDialog : WaterfallDialog
{
    public const string DialogId = "mediation.followup";

    private readonly MediationReplies _replies;

    public AddFollowUpDialog(MediationReplies replies) : base(DialogId)
    {
        _replies = replies;
        AddStep(AskDateAsync);
        AddStep(AskByAsync);
        AddStep(AskPerformanceAsync);
        AddStep(AskSatisfactionAsync);
        AddStep(AskRiskAsync);
        AddStep(AskNoteAsync);
        AddStep(SaveAsync);
    }

    private static string CaseNo(WaterfallStepContext s) => s.Options?["caseNo"]?.GetValue<string>() ?? "";

    private static Task<DialogTurnResult> AskDateAsync(WaterfallStepContext s, CancellationToken ct) =>
        s.PromptAsync(DatePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T($"为案件 {CaseNo(s)} 添加回访。回访日期?(如 2026-03-05、今天)", $"Follow-up for case {CaseNo(s)}. Date of the visit? (e.g. 2026-03-05, today)"),
            Validations = new JsonObject { ["notFuture"] = true },
        }, ct);

    private static Task<DialogTurnResult> AskByAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["date"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("回访人?回复“我”表示您本人。", "Who made the visit? Reply \"me\" for yourself."),
            Validations = new JsonObject { ["maxLength"] = 100 },
        }, ct);
    }

    private static Task<DialogTurnResult> AskPerformanceAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var by = s.Result?.GetValue<string>()?.Trim() ?? "";
        s.Values["by"] = (by is "我" or "本人" || by.Equals("me", StringComparison.OrdinalIgnoreCase)) && s.Context.UserName.Length > 0 ? s.Context.UserName : by;
        return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("协议履行情况?", "Is the agreement being kept?"),
            Choices = MediationLabels.Options<Performance>()
                .Select(o => new PromptChoice(o.Value, s.Context.Lang.IsZh ? o.Zh : o.En, [.. o.Synonyms, o.Zh, o.En])).ToList(),
        }, ct);
    }

    private static Task<DialogTurnResult> AskSatisfactionAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["performance"] = s.Result?.DeepClone();
        return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("当事人满意度?", "How satisfied are the parties?"),
            Choices = MediationLabels.Options<Satisfaction>()
                .Select(o => new PromptChoice(o.Value, s.Context.Lang.IsZh ? o.Zh : o.En, [.. o.Synonyms, o.Zh, o.En])).ToList(),
        }, ct);
    }

    private static Task<DialogTurnResult> AskRiskAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["satisfaction"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("遗留风险?(如有反复苗头请说明)", "Any remaining risk? (signs the dispute may flare up again)"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxNoteLength },
            Optional = true,
        }, ct);
    }

    private static Task<DialogTurnResult> AskNoteAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["risk"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("回访情况说明?", "A note on the visit?"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxNoteLength },
            Optional = true,
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var visit = new FollowUpVisit
        {
            Date = DateOnly.ParseExact(s.Values["date"]!.GetValue<string>(), "yyyy-MM-dd"),
            By = s.Values["by"]?.GetValue<string>() ?? ctx.UserName,
            Performance = Enum.Parse<Performance>(s.Values["performance"]!.GetValue<string>()),
            Satisfaction = s.Values["satisfaction"]?.GetValue<string>() is { } sat ? Enum.Parse<Satisfaction>(sat) : null,
            RemainingRisk = s.Values["risk"]?.GetValue<string>(),
            Note = s.Result?.GetValue<string>(),
        };
        var c = _replies.Store.AddFollowUp(ctx.Workspace.Id, CaseNo(s), visit, MediationReplies.Actor(ctx), ctx.Now);
        if (c is null)
            await ctx.SendTextAsync(ctx.T($"案件 {CaseNo(s)} 已不存在,回访未保存。", $"Case {CaseNo(s)} no longer exists; the visit was not saved."));
        else
            await _replies.SendCaseAsync(ctx, c, ctx.T($"已记录回访(第 {c.FollowUps.Count} 次)。", $"Follow-up recorded (visit {c.FollowUps.Count})."));
        return await s.EndDialogAsync(null, ct);
    }
}
