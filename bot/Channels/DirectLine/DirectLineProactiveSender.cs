using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>
/// Reminders for the built-in Web Chat: the local workspace's reference names the latest Direct Line conversation.
/// A conversation only lives while the bot runs, so a reminder for one that is gone fails and the outbox retries
/// (by then the page has usually been opened again and the reference points at the new conversation).
/// </summary>
internal sealed class DirectLineProactiveSender(DirectLineConversationStore store, IOptions<BotOptions> options, TimeProvider clock) : IProactiveSender
{
    public bool CanSend(StoredConversationReference reference) =>
        reference.ChannelId is "webchat" or "directline" && string.IsNullOrEmpty(reference.ServiceUrl);

    public Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct)
    {
        var conversation = store.Find(reference.ConversationId)
            ?? throw new InvalidOperationException(
                $"Web Chat conversation '{reference.ConversationId}' is no longer open (the page was closed or the bot restarted); " +
                "the message stays in the outbox and is retried when the Web Chat page has been opened again.");
        var adapter = new DirectLineAdapter(conversation, DirectLineAdapter.BotAccount(options.Value), clock, store);
        activity.Locale ??= reference.Locale ?? conversation.Locale;
        return adapter.SendActivityAsync(activity, ct);
    }
}
