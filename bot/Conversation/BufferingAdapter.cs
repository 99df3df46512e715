using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Conversation;

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
