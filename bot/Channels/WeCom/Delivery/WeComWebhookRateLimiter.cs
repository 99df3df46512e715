using System.Collections.Concurrent;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>
/// Keeps each group robot key under WeCom's limit (20 messages per rolling minute) by making callers wait, in
/// arrival order, for a free slot: reminders are delayed, never dropped. A singleton shared by all senders.
/// </summary>
internal sealed class WeComWebhookRateLimiter
{
    private readonly TimeProvider _time;
    private readonly int _permitsPerWindow;
    private readonly TimeSpan _window;
    private readonly ConcurrentDictionary<string, KeyWindow> _windows = new(StringComparer.Ordinal);

    public WeComWebhookRateLimiter(TimeProvider time, int permitsPerWindow = 20, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(permitsPerWindow, 1);
        _time = time;
        _permitsPerWindow = permitsPerWindow;
        _window = window ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_window, TimeSpan.Zero, nameof(window));
    }

    /// <summary>Returns when one more message may be sent with <paramref name="key"/>, and counts it as sent.</summary>
    public async Task WaitForSlotAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var window = _windows.GetOrAdd(key, _ => new KeyWindow());

        // One waiter per key at a time; the others queue on the gate in arrival order.
        await window.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = _time.GetUtcNow();
                while (window.SentAt.Count > 0 && window.SentAt.Peek() <= now - _window)
                {
                    window.SentAt.Dequeue();
                }

                if (window.SentAt.Count < _permitsPerWindow)
                {
                    window.SentAt.Enqueue(now);
                    return;
                }

                var oldestLeavesWindowAt = window.SentAt.Peek() + _window;
                await Task.Delay(oldestLeavesWindowAt - now, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            window.Gate.Release();
        }
    }

    private sealed class KeyWindow
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Send times within the window, oldest first; only touched while holding <see cref="Gate"/>.</summary>
        public Queue<DateTimeOffset> SentAt { get; } = new();
    }
}
