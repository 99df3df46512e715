using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 转为调解案件 (verb mediation.screening.case): opens the registration form prefilled from a dispute found in
/// screening — source 主动调解(排查发现), its village, type and description. The form's id is the dispute's, so the case
/// it saves is linked to the dispute, and a dispute that is a case already shows that case instead.
/// </summary>
internal sealed class ScreeningToCaseCommand(ScreeningReplies screening, MediationReplies mediation) : IBotCommand
{
    public IReadOnlyList<string> Aliases => [];
    public IReadOnlyList<string> Verbs => [ScreeningCards.ToCaseVerb];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var round = screening.Store.Get(ctx.Workspace.Id, args.Field("round") ?? "");
        var index = int.TryParse(args.Field("item"), out var item) ? item - 1 : -1;
        if (round is null || index < 0 || index >= round.Disputes.Count)
        {
            await ctx.SendTextAsync(ctx.T("找不到这条排查记录,请重新输入“矛盾纠纷排查”。", "That screening record was not found; type \"screening\" to record one."));
            return;
        }
        var formId = round.CaseFormId(index);
        if (mediation.Store.FindByForm(ctx.Workspace.Id, formId) is { } existing)
        {
            await mediation.SendCaseAsync(ctx, existing, ctx.T($"这件纠纷已登记为调解案件 {existing.CaseNo}。", $"This dispute is already mediation case {existing.CaseNo}."));
            return;
        }
        var dispute = round.Disputes[index];
        var values = new MediationFormValues
        {
            FormId = formId, ReceivedOn = ctx.Today.ToString("yyyy-MM-dd"), Source = nameof(MediationSource.Screening),
            DisputeType = dispute.Type.ToString(), Village = round.Village, Summary = dispute.Description,
            Mediators = string.IsNullOrWhiteSpace(ctx.UserName) ? null : ctx.UserName,
        };
        await dc.BeginDialogAsync(LogMediationDialog.DialogId, LogMediationDialog.ReshowOptions(values, new Dictionary<string, string>()), ct);
    }
}
