namespace ChatBot.Bot.Hosting.Housekeeping;

/// <summary>
/// Runs every <see cref="IHousekeepingTask"/> a minute after start and then every hour, on the injected clock, so
/// pruning does not depend on which requests a deployment happens to get. A failing task is logged and tried again
/// at the next run; the others still run.
/// </summary>
internal sealed class HousekeepingService(IServiceProvider services, TimeProvider clock, ILogger<HousekeepingService> log) : BackgroundService
{
    public static readonly TimeSpan FirstRunAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunAfter, clock, stoppingToken);
            using var timer = new PeriodicTimer(Interval, clock);
            do RunOnce(clock.GetUtcNow());
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public void RunOnce(DateTimeOffset nowUtc)
    {
        // Resolved here, not in the constructor: the tasks hold the database, which opens after the host has started.
        foreach (var task in services.GetServices<IHousekeepingTask>())
        {
            try
            {
                var removed = task.Run(nowUtc);
                if (removed > 0) log.LogInformation("Housekeeping {Task} removed {Count} record(s)", task.GetType().Name, removed);
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Housekeeping {Task} failed; trying again at the next run", task.GetType().Name);
            }
        }
    }
}
