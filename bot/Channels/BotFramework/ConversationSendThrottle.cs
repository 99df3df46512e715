using System.Collections.Concurrent;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Keeps each conversation under Teams' per-bot-per-thread limits by making senders wait their turn: sends are
/// queued (in order) and delayed, never dropped. A turn waits only within its <see cref="ThrottleAllowance"/>
/// (<see cref="Allow"/>): a send that would wait longer is refused with <see cref="ConversationThrottledException"/>
/// and leaves through the outbox, so /api/messages answers before the Bot Connector gives up on it.
/// </summary>
internal sealed class ConversationSendThrottle(TimeProvider clock)
{
    /// <summary>
    /// Teams "per bot per thread" limits for Send to conversation (learn.microsoft.com, Teams platform docs,
    /// bots/how-to/rate-limit): 7 ops/1 s, 8/2 s, 60/30 s, 1800/3600 s.
    /// </summary>
    public static readonly IReadOnlyList<(TimeSpan Window, int Max)> TeamsThreadLimits =
    [
        (TimeSpan.FromSeconds(1), 7),
        (TimeSpan.FromSeconds(2), 8),
        (TimeSpan.FromSeconds(30), 60),
        (TimeSpan.FromSeconds(3600), 1800),
    ];

    private static readonly TimeSpan Longest = TeamsThreadLimits.Max(l => l.Window);
    private readonly ConcurrentDictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private long _lastPruneTicks;

    private sealed class Lane
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public readonly Queue<DateTimeOffset> Sent = new();
        public DateTimeOffset LastUsed;
    }

    private static readonly AsyncLocal<ThrottleAllowance?> CurrentAllowance = new();

    /// <summary>
    /// Until disposed, sends of this async flow wait at most what is left of <paramref name="allowance"/> (shared by
    /// all of them); a send that would wait longer throws <see cref="ConversationThrottledException"/> without being
    /// counted. Sends outside such a scope (outbox rounds, reminders) wait as long as the limits say.
    /// </summary>
    public static IDisposable Allow(ThrottleAllowance allowance)
    {
        var previous = CurrentAllowance.Value;
        CurrentAllowance.Value = allowance;
        return new Scope(previous);
    }

    private sealed class Scope(ThrottleAllowance? previous) : IDisposable
    {
        public void Dispose() => CurrentAllowance.Value = previous;
    }

    /// <summary>Waits until one more send to <paramref name="conversationId"/> stays within the limits, and records it.</summary>
    public async Task WaitTurnAsync(string conversationId, CancellationToken ct)
    {
        var lane = _lanes.GetOrAdd(conversationId, _ => new Lane());
        var allowance = CurrentAllowance.Value;
        if (allowance is null) await lane.Gate.WaitAsync(ct);
        else
        {
            // Another send of this conversation may hold the gate while it waits out the limits: wait for it only
            // within the allowance.
            var started = clock.GetTimestamp();
            if (!await lane.Gate.WaitAsync(allowance.Remaining, ct))
                throw new ConversationThrottledException(conversationId, allowance.Remaining);
            allowance.Spend(clock.GetElapsedTime(started));
        }
        try
        {
            while (true)
            {
                var now = clock.GetUtcNow();
                var wait = WaitNeeded(lane.Sent, now);
                if (wait <= TimeSpan.Zero)
                {
                    lane.Sent.Enqueue(now);
                    lane.LastUsed = now;
                    break;
                }
                if (allowance is not null)
                {
                    if (wait > allowance.Remaining) throw new ConversationThrottledException(conversationId, wait);
                    allowance.Spend(wait);
                }
                await Task.Delay(wait, clock, ct);
            }
        }
        finally { lane.Gate.Release(); }
        PruneIdleLanes(clock.GetUtcNow());
    }

    private static TimeSpan WaitNeeded(Queue<DateTimeOffset> sent, DateTimeOffset now)
    {
        while (sent.Count > 0 && now - sent.Peek() >= Longest) sent.Dequeue();
        var times = sent.ToArray(); // oldest first
        var wait = TimeSpan.Zero;
        foreach (var (window, max) in TeamsThreadLimits)
        {
            var inWindow = times.Count(t => now - t < window);
            if (inWindow < max) continue;
            // The send that has to leave the window before one more fits.
            var blocking = times[times.Length - max];
            var until = blocking + window - now;
            if (until > wait) wait = until;
        }
        return wait;
    }

    private void PruneIdleLanes(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastPruneTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute * 10 || Interlocked.CompareExchange(ref _lastPruneTicks, now.UtcTicks, last) != last) return;
        foreach (var (id, lane) in _lanes)
            if (now - lane.LastUsed > Longest && lane.Gate.CurrentCount == 1)
                _lanes.TryRemove(id, out _);
    }
}
