using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 调解结果, step by step (channels without forms, or a typed answer): the new status, and for a closed case the 结案日期;
/// for a settled one the agreement form, the terms (an oral agreement's content), the manner and deadline of
/// performance and the amount; then a note. Validated as the outcome form is; the change is audited.
/// </summary>
internal sealed class RecordOutcomeDialog : WaterfallDialog
{
    public const string DialogId = "mediation.outcome";

    private readonly MediationReplies _replies;

    public RecordOutcomeDialog(MediationReplies replies) : base(DialogId)
    {
        _replies = replies;
        AddStep(AskStatusAsync);
        AddStep(AskAgreementFormAsync);
        AddStep(AskClosedOnAsync);
        AddStep(AskTermsAsync);
        AddStep(AskMannerAsync);
        AddStep(AskDeadlineAsync);
        AddStep(AskAmountAsync);
        AddStep(AskNoteAsync);
        AddStep(SaveAsync);
    }

    private static string CaseNo(WaterfallStepContext s) => s.Options?["caseNo"]?.GetValue<string>() ?? "";
    private static string? Text(WaterfallStepContext s) => s.Result is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
    private static string? Status(WaterfallStepContext s) => s.Values["status"]?.GetValue<string>();
    private static bool Settled(WaterfallStepContext s) => Status(s) == nameof(MediationStatus.Succeeded);
    private static bool Open(WaterfallStepContext s) => Status(s) is nameof(MediationStatus.Accepted) or nameof(MediationStatus.InProgress);

    private static PromptOptions Choices<T>(WaterfallStepContext s, string prompt) where T : struct, Enum => new()
    {
        Prompt = prompt,
        Choices = MediationLabels.Options<T>()
            .Select(o => new PromptChoice(o.Value, s.Context.Lang.IsZh ? o.Zh : o.En, [.. o.Synonyms, o.Zh, o.En])).ToList(),
    };

    private static Task<DialogTurnResult> AskStatusAsync(WaterfallStepContext s, CancellationToken ct) =>
        s.PromptAsync(ChoicePrompt.DefaultId, Choices<MediationStatus>(s, s.T($"案件 {CaseNo(s)} 的调解结果(状态)?", $"Outcome (status) of case {CaseNo(s)}?")), ct);

    private static Task<DialogTurnResult> AskAgreementFormAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["status"] = Text(s);
        if (!Settled(s)) return s.NextAsync(null, ct);
        return s.PromptAsync(ChoicePrompt.DefaultId, Choices<AgreementForm>(s, s.T("协议形式?", "Form of the agreement?")), ct);
    }

    private static Task<DialogTurnResult> AskClosedOnAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["form"] = Text(s);
        if (Open(s)) return s.NextAsync(null, ct);
        return s.PromptAsync(DatePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("结案日期?(如 2026-03-05、今天)", "Date closed? (e.g. 2026-03-05, today)"),
            Validations = new JsonObject { ["notFuture"] = true },
        }, ct);
    }

    private static Task<DialogTurnResult> AskTermsAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["closedOn"] = Text(s);
        if (!Settled(s)) return s.NextAsync(null, ct);
        var oral = s.Values["form"]?.GetValue<string>() == nameof(AgreementForm.Oral);
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = oral
                ? s.T("口头协议的内容?(依法须记录,如:李四于3月20日前赔偿张三800元)", "What was agreed orally? (it must be recorded, e.g. Li Si pays Zhang San 800 yuan by 20 March)")
                : s.T("协议内容?(各方的权利义务,如:李四于3月20日前赔偿张三800元)", "The agreed terms? (what each side will do, e.g. Li Si pays Zhang San 800 yuan by 20 March)"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxTermsLength },
        }, ct);
    }

    private static Task<DialogTurnResult> AskMannerAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["terms"] = Text(s);
        if (!Settled(s)) return s.NextAsync(null, ct);
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("履行方式?(如 一次性付清、分期、当场履行)", "Manner of performance? (e.g. paid in one sum, by instalments, on the spot)"),
            Validations = new JsonObject { ["maxLength"] = 100 },
            Optional = true,
        }, ct);
    }

    private static Task<DialogTurnResult> AskDeadlineAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["manner"] = Text(s);
        if (!Settled(s)) return s.NextAsync(null, ct);
        return s.PromptAsync(DatePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("履行期限?(如 2026-03-20;当场履行的回复“今天”)", "Performance deadline? (e.g. 2026-03-20; \"today\" if performed on the spot)"),
        }, ct);
    }

    private static Task<DialogTurnResult> AskAmountAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["deadline"] = Text(s);
        if (!Settled(s)) return s.NextAsync(null, ct);
        return s.PromptAsync(NumberPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("协议金额(元)?", "Amount agreed (yuan)?"),
            Validations = new JsonObject { ["min"] = 0 },
            Optional = true,
        }, ct);
    }

    private static Task<DialogTurnResult> AskNoteAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["amount"] = s.Result is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("结果说明?(如不成功原因、移交单位)", "A note? (why it failed, or where it was referred)"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxNoteLength },
            Optional = true,
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        string? Value(string key) => s.Values[key]?.GetValue<string>();
        var closing = new ClosingValues
        {
            ClosedOn = Value("closedOn"), AgreementTerms = Value("terms"), PerformanceManner = Value("manner"),
            PerformanceDeadline = Value("deadline"), AgreementAmount = Value("amount"),
        };
        await OutcomeFormSubmitCommand.SaveAsync(_replies, ctx, CaseNo(s), Value("status"), Value("form"), Text(s), closing, fromCard: false);
        return await s.EndDialogAsync(null, ct);
    }
}
