using System.Text.Json;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// The registration card's submit (verb mediation.form). It is an interrupt so that it works with or without the
/// waiting <see cref="LogMediationDialog"/> (after a restart, a double click, a retry): the form id makes a second
/// submit return the case already saved instead of creating another.
/// </summary>
internal sealed class MediationFormSubmitCommand(MediationReplies replies) : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => [];
    public IReadOnlyList<string> Verbs => [MediationFormCard.SubmitVerb];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        DropWaitingForm(dc);
        var values = MediationFormValues.FromSubmit(ReadData(args.Data));
        if (string.IsNullOrWhiteSpace(values.FormId)) values.FormId = LogMediationDialog.NewFormId();

        if (replies.Store.FindByForm(ctx.Workspace.Id, values.FormId) is { } existing)
        {
            await replies.ReplySavedAsync(ctx, existing, created: false, fromCard: true);
            return;
        }

        var validation = MediationValidator.Validate(ctx.Lang, values, ctx.Today);
        if (!validation.IsValid)
        {
            // The corrected copy (sent by the dialog) takes the place of the clicked one.
            await ctx.SupersedeClickedCardAsync();
            await dc.BeginDialogAsync(LogMediationDialog.DialogId, LogMediationDialog.ReshowOptions(values, validation.Errors), ct);
            return;
        }
        await replies.SaveAndReplyAsync(ctx, validation.Case!, values.FormId, fromCard: true);
    }

    /// <summary>The submit answers the form the dialog was waiting for: that dialog (and anything above it) is done.</summary>
    private static void DropWaitingForm(DialogContext dc)
    {
        var index = dc.Stack.FindIndex(d => d.Id == LogMediationDialog.DialogId);
        if (index >= 0) dc.Stack.RemoveRange(index, dc.Stack.Count - index);
    }

    private static Dictionary<string, string?> ReadData(JsonElement? data)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (data is not { ValueKind: JsonValueKind.Object } d) return result;
        foreach (var p in d.EnumerateObject())
            result[p.Name] = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Number => p.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
        return result;
    }
}
