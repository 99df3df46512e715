using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>A command that begins a case dialog with the case number typed after it or carried by the card button.</summary>
internal abstract class CaseDialogCommand(string dialogId, MediationReplies replies) : IBotCommand
{
    public abstract IReadOnlyList<string> Aliases { get; }
    public abstract IReadOnlyList<string> Verbs { get; }
    public abstract IEnumerable<CommandHelp> Help { get; }
    public string? BeginsDialog => dialogId;

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var c = await replies.FindCaseAsync(dc.Context, args.TextOr("caseNo"));
        if (c is null) return;
        // A card button where forms can be filled in opens the form; a typed command asks step by step.
        if (args.CommandWord is null && dc.Context.Capabilities.FormCards && Form(dc.Context, c) is { } form)
        {
            await dc.Context.SendCardAsync(form);
            return;
        }
        await dc.BeginDialogAsync(dialogId, new JsonObject { ["caseNo"] = c.CaseNo }, ct);
    }

    /// <summary>The form for this case, when the command has one.</summary>
    protected virtual ChatBot.Cards.AdaptiveCards.AdaptiveCard? Form(TurnContext ctx, ChatBot.Storage.Mediation.MediationCase c) => null;
}
