using System.Text.Json;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// The 调解结果 form's submit (verb mediation.outcome.form), and the save shared with <see cref="RecordOutcomeDialog"/>:
/// validated on the server (a settled case needs the terms and a deadline); with problems the form comes back with
/// the values entered and nothing is saved.
/// </summary>
internal sealed class OutcomeFormSubmitCommand(MediationReplies replies) : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => [];
    public IReadOnlyList<string> Verbs => [MediationOutcomeCard.SubmitVerb];

    public Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct) =>
        SaveAsync(replies, dc.Context, args.Field("caseNo") ?? "", args.Field("status"), args.Field("agreementForm"), args.Field("note"),
            ClosingValues.FromSubmit(Fields(args.Data)), fromCard: true);

    public static async Task SaveAsync(MediationReplies replies, TurnContext ctx, string caseNo, string? statusText, string? formText, string? note, ClosingValues closing, bool fromCard)
    {
        var store = replies.Store;
        var c = store.Get(ctx.Workspace.Id, caseNo);
        if (c is null)
        {
            await ctx.SendTextAsync(ctx.T($"案件 {caseNo} 已不存在,结果未保存。", $"Case {caseNo} no longer exists; the outcome was not saved."));
            return;
        }
        var errors = new Dictionary<string, string>();
        if (!MediationLabels.TryParse<MediationStatus>(statusText, out var status)) errors["status"] = ctx.T("请选择调解状态。", "Choose the status.");
        AgreementForm? form = MediationLabels.TryParse<AgreementForm>(formText, out var f) ? f : null;
        if (status == MediationStatus.Succeeded && form is null) errors["agreementForm"] = ctx.T("调解成功的案件请选择协议形式(口头/书面)。", "A settled case needs the agreement form (oral or written).");
        if (note is { Length: > MediationRules.MaxNoteLength }) errors["note"] = ctx.T($"结果说明最多 {MediationRules.MaxNoteLength} 个字。", $"At most {MediationRules.MaxNoteLength} characters.");
        var outcome = ClosingValidator.Validate(ctx.Lang, status, form, note, closing, c.ReceivedOn, ctx.Today, errors);
        if (errors.Count > 0)
        {
            if (fromCard && ctx.Capabilities.FormCards)
                await ctx.SendCardAsync(MediationOutcomeCard.Build(ctx.Lang, c, ctx.Today, statusText, formText, note, closing, errors),
                    ctx.T("请修改后重新提交:", "Please correct the form and submit again:"));
            else
                await ctx.SendTextAsync(ctx.T("调解结果未保存:", "The outcome was not saved:") + "\n" + string.Join("\n", errors.Values.Select(e => "· " + e))
                    + "\n" + ctx.T($"请重新输入“调解结果 {caseNo}”。", $"Please start again with \"outcome {caseNo}\"."));
            return;
        }
        var saved = store.RecordOutcome(ctx.Workspace.Id, caseNo, outcome, MediationReplies.Actor(ctx), ctx.Now)!;
        await replies.SendCaseAsync(ctx, saved, ctx.T($"已更新调解结果:{ctx.Lang.Of(saved.Status)}。", $"Outcome recorded: {ctx.Lang.Of(saved.Status)}."));
    }

    private static Dictionary<string, string?> Fields(JsonElement? data)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (data is not { ValueKind: JsonValueKind.Object } d) return result;
        foreach (var p in d.EnumerateObject())
            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetRawText(),
                _ => null,
            };
        return result;
    }
}
