using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Backups;

/// <summary>Looks once a minute (on the injected clock) whether the nightly backup is due, and takes it.</summary>
internal sealed class BackupScheduler(BackupService backups, TimeProvider clock, IOptions<BackupOptions> options,
    IHostApplicationLifetime lifetime, ILogger<BackupScheduler> log) : BackgroundService
{
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled || backups.DatabaseFile is null) return;
        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
                await started.Task;
            // Not during start-up: a bot that was down at the backup time takes it a little after it is up again.
            await Task.Delay(StartDelay, clock, stoppingToken);
        }
        catch (OperationCanceledException) { return; }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try { await Task.Run(() => backups.RunIfDue(clock.GetUtcNow()), stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception ex) { log.LogError(ex, "The nightly backup check failed; trying again in a minute"); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
