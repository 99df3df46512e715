using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>调解结果: the new status, the agreement form when settled, and a note; the change is audited.</summary>
internal sealed class RecordOutcomeDialog : WaterfallDialog
{
    public const string DialogId = "mediation.outcome";

    private readonly MediationReplies _replies;

    public RecordOutcomeDialog(MediationReplies replies) : base(DialogId)
    {
        _replies = replies;
        AddStep(AskStatusAsync);
        AddStep(AskAgreementFormAsync);
        AddStep(AskNoteAsync);
        AddStep(SaveAsync);
    }

    private static string CaseNo(WaterfallStepContext s) => s.Options?["caseNo"]?.GetValue<string>() ?? "";

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
        var status = s.Result?.GetValue<string>();
        s.Values["status"] = status;
        if (status != nameof(MediationStatus.Succeeded)) return s.NextAsync(null, ct);
        return s.PromptAsync(ChoicePrompt.DefaultId, Choices<AgreementForm>(s, s.T("协议形式?", "Form of the agreement?")), ct);
    }

    private static Task<DialogTurnResult> AskNoteAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["form"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("结果说明?(如协议主要内容、不成功原因、移交单位)", "A note? (main terms, why it failed, or where it was referred)"),
            Validations = new JsonObject { ["maxLength"] = MediationRules.MaxNoteLength },
            Optional = true,
        }, ct);
    }

    private async Task<DialogTurnResult> SaveAsync(WaterfallStepContext s, CancellationToken ct)
    {
        var ctx = s.Context;
        var status = Enum.Parse<MediationStatus>(s.Values["status"]!.GetValue<string>());
        AgreementForm? form = s.Values["form"]?.GetValue<string>() is { } f ? Enum.Parse<AgreementForm>(f) : null;
        var c = _replies.Store.RecordOutcome(ctx.Workspace.Id, CaseNo(s), status, form, s.Result?.GetValue<string>(), MediationReplies.Actor(ctx), ctx.Now);
        if (c is null)
            await ctx.SendTextAsync(ctx.T($"案件 {CaseNo(s)} 已不存在,结果未保存。", $"Case {CaseNo(s)} no longer exists; the outcome was not saved."));
        else
            await _replies.SendCaseAsync(ctx, c, ctx.T($"已更新调解结果:{ctx.Lang.Of(c.Status)}。", $"Outcome recorded: {ctx.Lang.Of(c.Status)}."));
        return await s.EndDialogAsync(null, ct);
    }
}
