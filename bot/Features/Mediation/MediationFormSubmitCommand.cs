using System.Text.Json;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// The registration card's submit (verb mediation.form). It is an interrupt so that it works with or without the
/// waiting <see cref="LogMediationDialog"/> (after a restart, a double click, a retry): the form id makes a second
/// submit return the case already saved instead of creating another.
/// </summary>
internal sealed class MediationFormSubmitCommand : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => [];
    public IReadOnlyList<string> Verbs => [MediationFormCard.SubmitVerb];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        DropWaitingForm(dc);
        var values = MediationFormValues.FromSubmit(ReadData(args.Data));
        if (string.IsNullOrWhiteSpace(values.FormId)) values.FormId = LogMediationDialog.NewFormId();

        if (MediationReplies.Store(ctx).FindByForm(ctx.Workspace.Id, values.FormId) is { } existing)
        {
            await ReplySavedAsync(ctx, existing, created: false, fromCard: true);
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
        await SaveAndReplyAsync(ctx, validation.Case!, values.FormId, fromCard: true);
    }

    public static async Task SaveAndReplyAsync(TurnContext ctx, MediationCase draft, string formId, bool fromCard)
    {
        draft.WorkspaceId = ctx.Workspace.Id;
        var result = MediationReplies.Store(ctx).Create(draft, formId, MediationReplies.Actor(ctx), ctx.Now);
        await ReplySavedAsync(ctx, result.Case, result.Created, fromCard);
    }

    private static async Task ReplySavedAsync(TurnContext ctx, MediationCase c, bool created, bool fromCard)
    {
        var heading = created
            ? ctx.T($"已登记,案号 {c.CaseNo}。", $"Logged as case {c.CaseNo}.")
            : ctx.T($"已登记,案号 {c.CaseNo}(这张表单已提交过,没有重复登记)。", $"Logged as case {c.CaseNo} (this form was already submitted; no second case was created).");
        if (fromCard)
            await ctx.CloseClickedCardAsync(MediationCaseCards.Detail(ctx.Lang, c, MediationReplies.MaskPersonalData(ctx), actions: false, heading, ctx.TimeZone));
        await MediationReplies.SendCaseAsync(ctx, c, heading);
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
