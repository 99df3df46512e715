using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Channels.Teams;

/// <summary>
/// Sends a message into a Teams chat or channel the bot is not currently answering (reminders), with the stored
/// serviceUrl, conversation id and tenant. Into a channel it starts a new post (no reply thread).
/// Teams answers 429 above its per-conversation limits; the Connector client's retry policy and the outbox back off.
/// </summary>
internal sealed class TeamsProactiveSender(IServiceProvider services) : IProactiveSender
{
    public bool CanSend(StoredConversationReference reference) =>
        reference.ChannelId == "msteams"
        && Uri.TryCreate(reference.ServiceUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
        && !string.IsNullOrEmpty(reference.ConversationId);

    public Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct)
    {
        if (!CanSend(reference)) throw new ArgumentException($"Reference '{reference.Id}' is not a Teams conversation.", nameof(reference));
        var outgoing = Address(reference, activity);
        // Resolved per send: the Connector client is a typed HttpClient whose handlers rotate.
        var connector = services.GetRequiredService<IConnectorClient>();
        return connector.SendAsync(outgoing, ct);
    }

    /// <summary>The activity addressed to the stored conversation, as a new message (never a reply).</summary>
    public static Activity Address(StoredConversationReference reference, Activity activity)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.ReplyToId = null;
        activity.From = new ChannelAccount { Id = reference.BotId, Name = reference.BotName };
        activity.Recipient = null;
        activity.Conversation = new ConversationAccount
        {
            Id = reference.ConversationId,
            TenantId = reference.TenantId,
            ConversationType = reference.ConversationType,
            IsGroup = reference.IsGroup ? true : null,
        };
        activity.Locale ??= reference.Locale;
        return activity;
    }
}
