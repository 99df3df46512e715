using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// The screening card's submit (verb mediation.screening.form), validated on the server: with problems the form comes
/// back with the values entered and nothing is saved; the form id makes a second submit find the saved round.
/// </summary>
internal sealed class ScreeningFormSubmitCommand(ScreeningReplies replies) : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => [];
    public IReadOnlyList<string> Verbs => [ScreeningFormCard.SubmitVerb];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var index = dc.Stack.FindIndex(d => d.Id == RecordScreeningDialog.DialogId);
        if (index >= 0) dc.Stack.RemoveRange(index, dc.Stack.Count - index);
        var values = ScreeningFormValues.FromSubmit(args.Field);
        if (string.IsNullOrWhiteSpace(values.FormId)) values.FormId = RecordScreeningDialog.NewFormId();
        if (replies.Store.Get(ctx.Workspace.Id, values.FormId) is { } existing)
        {
            await replies.SendRoundAsync(ctx, existing, replies.CaseNos(existing), ctx.T("这次排查已记录过,没有重复保存。", "This screening was already recorded; it was not saved twice."));
            return;
        }
        var validation = ScreeningValidator.Validate(ctx.Lang, values, ctx.Today);
        if (!validation.IsValid)
        {
            // The corrected copy (sent by the dialog) takes the place of the clicked one.
            await ctx.SupersedeClickedCardAsync();
            await dc.BeginDialogAsync(RecordScreeningDialog.DialogId, RecordScreeningDialog.ReshowOptions(values, validation.Errors), ct);
            return;
        }
        await replies.SaveAndReplyAsync(ctx, validation.Round!, values.FormId, fromCard: true);
    }
}
