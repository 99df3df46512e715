namespace ChatBot.Bot.Hosting;

/// <summary>
/// Hosts a background service that is built from the stores (so constructing it opens the database and ensures
/// indexes) without holding up the web server: <typeparamref name="TService"/> is resolved and started on the thread
/// pool once <see cref="StartupReadiness.DatabaseOpen"/> completes. A service that cannot be built or started stops
/// the bot with exit code 1, as it would have stopped the start before.
/// </summary>
internal sealed class StartAfterDatabaseOpens<TService>(
    IServiceProvider services,
    StartupReadiness readiness,
    IHostApplicationLifetime lifetime,
    ILogger<StartAfterDatabaseOpens<TService>> log) : IHostedService
    where TService : class, IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _starting = Task.CompletedTask;
    private TService? _service;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(StartServiceAsync);
        return Task.CompletedTask;
    }

    private async Task StartServiceAsync()
    {
        try
        {
            await readiness.DatabaseOpen.WaitAsync(_stopping.Token);
            _service = services.GetRequiredService<TService>();
            await _service.StartAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
        catch (Exception) when (readiness.DatabaseOpen.IsFaulted) { } // the host's start fails with that error itself
        catch (Exception ex)
        {
            log.LogCritical(ex, "{Service} could not be started; stopping the bot", typeof(TService).Name);
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _starting.WaitAsync(cancellationToken);
        if (_service is not null) await _service.StopAsync(cancellationToken);
    }
}

internal static class StartAfterDatabaseOpensExtensions
{
    /// <summary>Registers <typeparamref name="TService"/> (already registered as a singleton) to start once the database is open.</summary>
    public static IServiceCollection AddHostedServiceAfterDatabaseOpens<TService>(this IServiceCollection services)
        where TService : class, IHostedService
    {
        services.AddStartupReadiness();
        services.AddHostedService<StartAfterDatabaseOpens<TService>>();
        return services;
    }

    /// <summary>Registers <see cref="StartupReadiness"/> once, as a singleton and as a hosted service.</summary>
    public static IServiceCollection AddStartupReadiness(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StartupReadiness))) return services;
        services.AddSingleton<StartupReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupReadiness>());
        return services;
    }
}
