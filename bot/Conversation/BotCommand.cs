using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Conversation;

/// <summary>
/// A command people type (in Chinese or English) or click on a card (by its verb). Features register their commands
/// in DI; the router picks the one whose alias starts the message (longest alias wins).
/// </summary>
internal interface IBotCommand
{
    /// <summary>What people type: Chinese and English aliases, e.g. "调解登记", "log mediation".</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>Card action verbs that run this command (Action.Submit data.verb / Action.Execute verb).</summary>
    IReadOnlyList<string> Verbs => [];

    /// <summary>The help card line(s), or none for commands not worth listing.</summary>
    IEnumerable<CommandHelp> Help => [];

    /// <summary>The dialog this command begins, if any: names the dialog when another command interrupts it.</summary>
    string? BeginsDialog => null;

    /// <param name="args">The text after the alias (trimmed), or the card's submitted values as JSON for a verb.</param>
    Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct);
}

internal sealed record CommandArgs(string Text, System.Text.Json.JsonElement? Data)
{
    public static readonly CommandArgs None = new("", null);

    /// <summary>A string field of the card data, or null.</summary>
    public string? Field(string name) =>
        Data is { ValueKind: System.Text.Json.JsonValueKind.Object } d && d.TryGetProperty(name, out var v) && v.ValueKind != System.Text.Json.JsonValueKind.Null
            ? (v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    /// <summary>The typed argument, or else the card field of that name.</summary>
    public string? TextOr(string field) => Text.Length > 0 ? Text : Field(field);

    /// <summary>
    /// True when the command word stands apart in the message: it is the whole message, or a space, a number that
    /// ends there, or only punctuation follows it ("办结 7 …", "办结7", "帮助!"), not "回访当事人" or "回访3次". Only a
    /// command word that stands apart interrupts a waiting prompt (see docs/conversation-rules.md).
    /// </summary>
    public bool WordStandsApart { get; init; } = true;

    /// <summary>The command word the message began with (as the router normalised it); null for a card click.</summary>
    public string? CommandWord { get; init; }
}

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

/// <summary>A command that may run in the middle of a dialog without ending it (help, cancel).</summary>
internal interface IInterruptCommand;

/// <summary>Handles non-message activities (Teams installation and membership events, WeCom enter-chat, …).</summary>
internal interface IActivityHandler
{
    Task OnActivityAsync(TurnContext ctx, CancellationToken ct);
}
