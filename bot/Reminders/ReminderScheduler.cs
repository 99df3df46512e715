using ChatBot.Bot.Reminders.Leadership;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// Wakes every minute (on the injected clock), lets every <see cref="IReminderSource"/> queue what is due into the
/// outbox, then drains the outbox. One tick is <see cref="RunOnceAsync"/>, which tests call directly.
/// Only the reminder leader ticks (<see cref="IReminderLeadership"/>: with several instances on PostgreSQL, the one
/// holding the lock); the others ask again every Reminders:LeaderRetry and take over when the leader is gone. The
/// leader also does the sending: the per-conversation send pacing (ConversationSendThrottle) lives in its memory, so
/// one process sending keeps reminders within a conversation's limits. The outbox claim still makes a send by another
/// instance safe (a lane flushed by a turn elsewhere, the old leader finishing a tick while a new one starts).
/// </summary>
internal sealed class ReminderScheduler(
    IEnumerable<IReminderSource> sources,
    OutboxStore outbox,
    OutboxSender sender,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    IReminderLeadership leadership,
    IHostApplicationLifetime lifetime,
    ILogger<ReminderScheduler> log) : BackgroundService
{
    private readonly SemaphoreSlim _tick = new(1, 1);

    /// <param name="Removed">Finished messages removed from the outbox this tick (older than Reminders:KeepFinishedDays).</param>
    /// <param name="Led">False: another instance leads, so this one did nothing.</param>
    public sealed record TickResult(int Enqueued, OutboxSender.DrainResult Drained, int Removed, bool Led = true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        // The warm-up and the first tick wait until the bot is up and listening, and a moment more: before that they
        // would only compete with its start-up, and its first answers, for the CPU.
        try
        {
            await StartedAsync(stoppingToken);
            await Task.Delay(StartDelay, clock, stoppingToken);
        }
        catch (OperationCanceledException) { return; }
        WarmUp(clock.GetUtcNow(), stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                // A follower asks again every LeaderRetry, and ticks as soon as it leads (the old leader is gone).
                while (!leadership.TryLead()) await Task.Delay(LeaderRetry, clock, stoppingToken);
                var tick = await RunOnceAsync(clock.GetUtcNow(), stoppingToken);
                log.LogDebug("Reminder tick: {Enqueued} queued, {Sent} sent, {Failed} failed, {Deferred} deferred, {Dead} given up",
                    tick.Enqueued, tick.Drained.Sent, tick.Drained.Failed, tick.Drained.Deferred, tick.Drained.Dead);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogError(ex, "Reminder tick failed; trying again next tick"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private TimeSpan LeaderRetry => options.Value.LeaderRetry < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Value.LeaderRetry;

    /// <summary>After start-up, how long the first tick (and the warm-up before it) waits.</summary>
    internal static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(2);

    private async Task StartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = ct.Register(() => started.TrySetCanceled(ct));
        await started.Task;
    }

    /// <summary>Every source's <see cref="IReminderSource.WarmUp"/>, once after start; a failure is logged and only costs speed.</summary>
    internal void WarmUp(DateTimeOffset nowUtc, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                source.WarmUp(nowUtc, ct);
                log.LogInformation("Reminder source {Source} warmed up in {Ms:F0} ms", source.Name,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogWarning(ex, "Reminder source {Source} could not warm up; its first tick loads what it needs", source.Name); }
        }
    }

    /// <summary>One tick: collect from every source at <paramref name="nowUtc"/>, then send what is due. Ticks never overlap.</summary>
    public async Task<TickResult> RunOnceAsync(DateTimeOffset nowUtc, CancellationToken ct = default)
    {
        await _tick.WaitAsync(ct);
        try
        {
            if (!leadership.TryLead()) return new TickResult(0, new OutboxSender.DrainResult(0, 0, 0, 0), 0, Led: false);
            // What is already due goes out first: collecting over many workspaces can take seconds (more on a shared
            // database), and a reminder queued earlier must not wait for it.
            var early = await DrainDueAsync(nowUtc, ct);
            var enqueued = 0;
            foreach (var source in sources)
            {
                // Queued in batches, one transaction each: one durable commit per batch instead of one per message
                // (a Monday tick queues hundreds), and a batch small enough not to hold the database up for long.
                var batch = new List<OutboxMessage>(QueueBatch);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await source.CollectAsync(nowUtc, m =>
                    {
                        Stamp(m, nowUtc);
                        batch.Add(m);
                        if (batch.Count == QueueBatch) enqueued += Flush(batch);
                    }, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
                catch (Exception ex) { log.LogError(ex, "Reminder source {Source} failed", source.Name); }
                // What the source offered before it finished (or failed) is queued.
                try { enqueued += Flush(batch); }
                catch (Exception ex) { log.LogError(ex, "Queueing the reminders of {Source} failed; they come again next tick", source.Name); }
                var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);
                // A slow source delays every reminder behind it: worth a line in the log.
                log.Log(took > SlowSource ? LogLevel.Warning : LogLevel.Debug, "Reminder source {Source} collected in {Ms:F0} ms", source.Name, took.TotalMilliseconds);
            }
            var late = await DrainDueAsync(nowUtc, ct);
            var drained = new OutboxSender.DrainResult(early.Sent + late.Sent, early.Failed + late.Failed, early.Deferred + late.Deferred, early.Dead + late.Dead);
            return new TickResult(enqueued, drained, RemoveFinished(nowUtc));
        }
        finally { _tick.Release(); }
    }

    /// <summary>
    /// Sends what is due, a round of Reminders:BatchSize at a time, round after round while rounds come back full: a
    /// backlog (a Monday morning of 300 groups, or what a new leader finds after the old one died) goes out now, not
    /// one round per Interval. Bounded by <see cref="SendBudget"/> of wall time, after which the next tick goes on.
    /// </summary>
    private async Task<OutboxSender.DrainResult> DrainDueAsync(DateTimeOffset nowUtc, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var total = new OutboxSender.DrainResult(0, 0, 0, 0);
        while (true)
        {
            var round = await sender.DrainAsync(nowUtc, ct);
            total = new OutboxSender.DrainResult(total.Sent + round.Sent, total.Failed + round.Failed, total.Deferred + round.Deferred, total.Dead + round.Dead);
            // Every message a round handles leaves the due set (sent, backed off, deferred past this instant or given
            // up), so rounds end when a round finds less than a full batch.
            var handled = round.Sent + round.Failed + round.Deferred + round.Dead;
            if (handled < Math.Max(1, options.Value.BatchSize) || System.Diagnostics.Stopwatch.GetElapsedTime(started) > SendBudget) return total;
        }
    }

    /// <summary>The longest one drain keeps sending (wall time): the tick's interval, at least 10 s.</summary>
    private TimeSpan SendBudget => options.Value.Interval < TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : options.Value.Interval;

    /// <summary>A source that takes longer than this in one tick is logged as a warning.</summary>
    internal static readonly TimeSpan SlowSource = TimeSpan.FromSeconds(5);

    /// <summary>Messages per queueing transaction.</summary>
    internal const int QueueBatch = 50;

    /// <summary>
    /// Queues the batch and empties it. A batch that fails is not saved at all; its messages come again at the next
    /// tick (their keys are deterministic and the sources only skip keys the outbox has shown them).
    /// </summary>
    private int Flush(List<OutboxMessage> batch)
    {
        if (batch.Count == 0) return 0;
        try { return outbox.TryEnqueueAll(batch).Count; }
        finally { batch.Clear(); }
    }

    /// <summary>Finished messages removed per tick at most: one short transaction, the rest the next minute.</summary>
    internal const int RemoveBatch = 200;
    private DateTimeOffset _nextRemoval = DateTimeOffset.MinValue;

    /// <summary>
    /// Removes sent and given-up messages older than <see cref="ReminderOptions.KeepFinishedDays"/>, so a bot that runs
    /// for years keeps a bounded outbox. Looks once an hour, and every tick while a full batch came out.
    /// </summary>
    private int RemoveFinished(DateTimeOffset now)
    {
        var days = options.Value.KeepFinishedDays;
        if (days <= 0 || now < _nextRemoval) return 0;
        var queuedBefore = now - TimeSpan.FromDays(Math.Max(days, ReminderOptions.MinKeepFinishedDays));
        try
        {
            var removed = outbox.RemoveFinished(queuedBefore, RemoveBatch);
            _nextRemoval = removed == RemoveBatch ? now : now + TimeSpan.FromHours(1);
            if (removed > 0) log.LogInformation("Removed {Count} sent or given-up outbox messages queued before {QueuedBefore:O}", removed, queuedBefore);
            return removed;
        }
        catch (Exception ex)
        {
            // Nothing is lost by waiting: the messages are finished. Try again in an hour.
            _nextRemoval = now + TimeSpan.FromHours(1);
            log.LogError(ex, "Removing old outbox messages failed; trying again in an hour");
            return 0;
        }
    }

    private static void Stamp(OutboxMessage m, DateTimeOffset now)
    {
        if (m.CreatedUtc == default) m.CreatedUtc = now;
        if (m.DueUtc == default) m.DueUtc = now;
        if (m.NextAttemptUtc == default) m.NextAttemptUtc = m.DueUtc;
        m.Status = OutboxStatus.Pending;
        m.Attempts = 0;
    }
}
