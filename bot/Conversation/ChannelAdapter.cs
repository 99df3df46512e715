using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Conversation;

/// <summary>Sends a turn's outgoing activities in the channel's own wire format.</summary>
internal abstract class ChannelAdapter
{
    public abstract ChannelCapabilities Capabilities { get; }

    /// <summary>
    /// True only for the bot's own Direct Line service (the built-in Web Chat page): its turns act on the local
    /// workspace. Decided by the adapter, i.e. by the endpoint the activity came in on, never by its channelId.
    /// </summary>
    public virtual bool ServesLocalWorkspace => false;

    public abstract Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken ct);

    /// <summary>Replaces a message the bot sent earlier (Teams: PUT activity). Channels that cannot, do nothing.</summary>
    public virtual Task UpdateActivityAsync(Activity activity, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The id of the message showing the form card <paramref name="cardId"/> (its latest copy), for channels whose
    /// card submits do not say which message was clicked; null where unknown.
    /// </summary>
    public virtual string? FindCardActivity(string cardId) => null;

    /// <summary>
    /// Waits until the activities handed over so far have left; a reply the channel refused surfaces here. Adapters
    /// that send as they are asked have nothing to wait for.
    /// </summary>
    public virtual Task FlushAsync() => Task.CompletedTask;
}
