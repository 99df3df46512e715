using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Conversation;

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
