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
    /// <param name="enqueue">Queues a message; returns false when its key was already queued (or sent).</param>
    Task CollectAsync(DateTimeOffset nowUtc, Func<OutboxMessage, bool> enqueue, CancellationToken ct);
}
