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
