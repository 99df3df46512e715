using ChatBot.Cards.Help;

namespace ChatBot.Bot.Conversation;

/// <summary>Handles non-message activities (Teams installation and membership events, WeCom enter-chat, …).</summary>
internal interface IActivityHandler
{
    Task OnActivityAsync(TurnContext ctx, CancellationToken ct);
}
