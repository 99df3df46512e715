using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Conversation;

/// <summary>What a channel can show; the engine's only knowledge of which channel it serves.</summary>
internal sealed record ChannelCapabilities(
    bool AdaptiveCards,
    bool UpdateActivity,
    bool Mentions,
    bool Markdown,
    /// <summary>Forms can be filled in (natively, or on a web page the channel links to).</summary>
    bool FormCards)
{
    public static readonly ChannelCapabilities Full = new(true, true, true, true, true);
    public static readonly ChannelCapabilities TextOnly = new(false, false, false, false, false);
}

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

/// <summary>Collects the replies of a turn in memory (expectReplies, invokes, tests, channels answering in the HTTP body).</summary>
internal sealed class BufferingAdapter(ChannelCapabilities capabilities) : ChannelAdapter
{
    private int _next;
    public List<Activity> Sent { get; } = new();
    public List<Activity> Updated { get; } = new();
    public override ChannelCapabilities Capabilities => capabilities;

    public override Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken ct)
    {
        activity.Id ??= $"r{Interlocked.Increment(ref _next)}";
        lock (Sent) Sent.Add(activity);
        return Task.FromResult(new ResourceResponse { Id = activity.Id });
    }

    public override Task UpdateActivityAsync(Activity activity, CancellationToken ct)
    {
        lock (Updated) Updated.Add(activity);
        return Task.CompletedTask;
    }
}
