using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Conversation;

/// <summary>A command that begins a dialog, the most common kind.</summary>
internal sealed class BeginDialogCommand(string dialogId, string[] aliases, string[] verbs, params CommandHelp[] help) : IBotCommand
{
    public IReadOnlyList<string> Aliases => aliases;
    public IReadOnlyList<string> Verbs => verbs;
    public IEnumerable<CommandHelp> Help => help;
    public string? BeginsDialog => dialogId;

    public Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct) =>
        dc.BeginDialogAsync(dialogId, System.Text.Json.Nodes.JsonValue.Create(args.Text), ct);
}
