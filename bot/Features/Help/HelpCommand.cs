using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Features.Help;

/// <summary>
/// 帮助 / help: the card listing every command. An interrupt: the dialog in progress asks its question again.
/// The router is lazy because it is built from every command, this one included.
/// </summary>
internal sealed class HelpCommand(Lazy<CommandRouter> router) : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => ["帮助", "help", "菜单", "menu", "?", "？", "使用说明"];
    public IReadOnlyList<string> Verbs => ["help"];
    public IEnumerable<CommandHelp> Help => [new("通用", "General", "帮助", "help", "显示本帮助", "Show this help", 0)];

    public Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var card = HelpCard.Build(dc.Context.Lang, router.Value.Commands.SelectMany(c => c.Help));
        return dc.Context.SendCardAsync(card, dc.Context.T("以下是我能做的事:", "Here is what I can do:"));
    }
}
