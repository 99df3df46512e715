using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Conversation;

internal sealed class ProactiveMessenger(IEnumerable<IProactiveSender> senders)
{
    public Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct)
    {
        var sender = senders.FirstOrDefault(s => s.CanSend(reference))
            ?? throw new InvalidOperationException($"No proactive sender for channel '{reference.ChannelId}'.");
        return sender.SendAsync(reference, activity, ct);
    }
}
