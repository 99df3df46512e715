using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// Wakes every minute (on the injected clock), lets every <see cref="IReminderSource"/> queue what is due into the
/// outbox, then drains the outbox. One tick is <see cref="RunOnceAsync"/>, which tests call directly.
/// </summary>
internal sealed class ReminderScheduler(
    IEnumerable<IReminderSource> sources,
    OutboxStore outbox,
    OutboxSender sender,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    ILogger<ReminderScheduler> log) : BackgroundService
{
    private readonly SemaphoreSlim _tick = new(1, 1);

    public sealed record TickResult(int Enqueued, OutboxSender.DrainResult Drained);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await Task.Yield(); // let the host finish starting before the first tick
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try { await RunOnceAsync(clock.GetUtcNow(), stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogError(ex, "Reminder tick failed; trying again next tick"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One tick: collect from every source at <paramref name="nowUtc"/>, then send what is due. Ticks never overlap.</summary>
    public async Task<TickResult> RunOnceAsync(DateTimeOffset nowUtc, CancellationToken ct = default)
    {
        await _tick.WaitAsync(ct);
        try
        {
            var enqueued = 0;
            foreach (var source in sources)
            {
                try
                {
                    await source.CollectAsync(nowUtc, m =>
                    {
                        Stamp(m, nowUtc);
                        var added = outbox.TryEnqueue(m);
                        if (added) enqueued++;
                        return added;
                    }, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
                catch (Exception ex) { log.LogError(ex, "Reminder source {Source} failed", source.Name); }
            }
            var drained = await sender.DrainAsync(nowUtc, ct);
            return new TickResult(enqueued, drained);
        }
        finally { _tick.Release(); }
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
