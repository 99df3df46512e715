using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Proactive messages (reminders) into a Teams / Azure Bot Service conversation kept from an earlier activity.
/// Web Chat / Direct Line references that point at this machine belong to the local Direct Line channel.
/// </summary>
internal sealed class BotFrameworkProactiveSender(IServiceProvider services, ServiceUrlPolicy policy) : IProactiveSender
{
    public bool CanSend(StoredConversationReference reference)
    {
        if (string.IsNullOrEmpty(reference.ServiceUrl) || string.IsNullOrEmpty(reference.ConversationId)) return false;
        if (!Uri.TryCreate(reference.ServiceUrl, UriKind.Absolute, out var uri) || !policy.IsAllowed(uri)) return false;
        return reference.ChannelId switch
        {
            "msteams" or "emulator" => true,
            "webchat" or "directline" => !uri.IsLoopback,
            _ => false,
        };
    }

    public Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct)
    {
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.Conversation = new ConversationAccount
        {
            Id = reference.ConversationId,
            ConversationType = reference.ConversationType,
            IsGroup = reference.IsGroup ? true : null,
            TenantId = reference.TenantId,
        };
        activity.Type ??= ActivityTypes.Message;
        activity.From ??= reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId, Name = reference.BotName };
        activity.Recipient = null;
        activity.Locale ??= reference.Locale;
        activity.ReplyToId = null; // a new message in the conversation, not a reply
        // Resolved per send so the typed HttpClient's handler can rotate (this sender lives as long as the app).
        return services.GetRequiredService<IConnectorClient>().SendAsync(activity, ct);
    }
}
