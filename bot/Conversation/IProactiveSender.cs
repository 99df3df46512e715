using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Conversation;

/// <summary>Sends a message into a conversation the bot is not currently answering (reminders).</summary>
internal interface IProactiveSender
{
    bool CanSend(StoredConversationReference reference);
    Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct);
}
