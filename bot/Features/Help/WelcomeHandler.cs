using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Features.Help;

/// <summary>
/// Greets a conversation the bot has just joined with a short card: the four things it does, one button each, and
/// (for a user the channel sends no name for) how to address them. The full reference stays behind 帮助 / help.
/// </summary>
internal sealed class WelcomeHandler : IActivityHandler
{
    public async Task OnActivityAsync(TurnContext ctx, CancellationToken ct)
    {
        var a = ctx.Activity;
        if (a.Type != ActivityTypes.ConversationUpdate || a.MembersAdded is not { Count: > 0 }) return;
        var botAdded = a.MembersAdded.Any(m => m.Id == a.Recipient?.Id);
        if (!botAdded) return;
        var askName = !ctx.IsGroup && ctx.UserName.Length == 0 && !string.IsNullOrEmpty(a.From?.Id) && a.From.Id != a.Recipient?.Id;
        // The card's heading is the greeting: a text beside it would say it twice (Web Chat and WeCom show both).
        await ctx.SendCardAsync(WelcomeCard.Build(ctx.Lang, askName));
    }
}
