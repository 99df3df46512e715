using ChatBot.Storage.Reminders;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// A feature's reminders. The reminder scheduler calls every source once a minute; a source looks at its records and
/// enqueues what is due now as <see cref="OutboxMessage"/>s with deterministic keys (enqueueing an existing key is a
/// no-op), so a scan may run any number of times, before or after a restart, without sending anything twice.
/// </summary>
internal interface IReminderSource
{
    string Name { get; }

    /// <param name="nowUtc">The scheduler's clock (a fake one in tests).</param>
    /// <param name="enqueue">Offers a message for the outbox; one whose key is already queued (or sent) is dropped. The
    /// scheduler queues offered messages in batches, so a message may be saved after this returns.</param>
    Task CollectAsync(DateTimeOffset nowUtc, Action<OutboxMessage> enqueue, CancellationToken ct);

    /// <summary>
    /// Once after the bot starts, before the first tick: reads into memory what ticks will read, so the first tick of
    /// the day after a restart is not the one that pays for loading it. Sends and queues nothing.
    /// </summary>
    void WarmUp(DateTimeOffset nowUtc, CancellationToken ct) { }
}
