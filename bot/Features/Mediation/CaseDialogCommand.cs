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
        await dc.BeginDialogAsync(dialogId, new JsonObject { ["caseNo"] = c.CaseNo }, ct);
    }
}
