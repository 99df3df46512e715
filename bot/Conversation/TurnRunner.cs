using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Conversation;

/// <summary>What every channel calls once it has turned its wire format into an Activity.</summary>
internal sealed class TurnRunner(ConversationEngine engine, IServiceProvider services, TimeProvider clock)
{
    public async Task<TurnContext> RunAsync(Activity activity, ChannelAdapter adapter, CancellationToken ct)
    {
        var ctx = new TurnContext(activity, adapter, services, clock, ct);
        await engine.RunTurnAsync(ctx);
        return ctx;
    }
}

/// <summary>Sends a message into a conversation the bot is not currently answering (reminders).</summary>
internal interface IProactiveSender
{
    bool CanSend(StoredConversationReference reference);
    Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct);
}

internal sealed class ProactiveMessenger(IEnumerable<IProactiveSender> senders)
{
    public Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct)
    {
        var sender = senders.FirstOrDefault(s => s.CanSend(reference))
            ?? throw new InvalidOperationException($"No proactive sender for channel '{reference.ChannelId}'.");
        return sender.SendAsync(reference, activity, ct);
    }
}

/// <summary>Remembers recently processed inbound ids so a redelivered activity or WeCom msgid is handled once.</summary>
internal sealed class RecentIds(TimeProvider clock)
{
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _seen = new();
    private long _lastPrune;

    /// <summary>True the first time an id is offered within the hour.</summary>
    public bool TryAdd(string id)
    {
        var now = clock.GetUtcNow();
        PruneNowAndThen(now);
        return _seen.TryAdd(id, now);
    }

    private void PruneNowAndThen(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPrune);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastPrune, now.UtcTicks, last) != last) return;
        foreach (var (id, seen) in _seen)
            if (now - seen > Keep) _seen.TryRemove(id, out _);
    }
}
