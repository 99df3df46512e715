using ChatBot.Storage.Engine;

namespace ChatBot.Bot.Hosting;

/// <summary>
/// Opens the database on the thread pool while the web server starts, instead of before it: opening LiteDB and
/// ensuring its indexes (or upgrading the PostgreSQL schema) and applying the migrations is the slowest part of a
/// start, and nothing but a turn needs it. /healthz and /readyz answer 200 only once the database is open and migrated
/// and the dialog state an earlier crash left in the journal is replayed. The host still
/// fails to start when the database cannot be opened (<see cref="StartedAsync"/> waits for it), as it did when the
/// database was opened first.
/// </summary>
internal sealed class StartupReadiness(IServiceProvider services) : IHostedLifecycleService
{
    /// <summary>Registers it once, as a singleton and as a hosted service.</summary>
    public static void Register(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StartupReadiness))) return;
        services.AddSingleton<StartupReadiness>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupReadiness>());
    }

    // The dialog-state store too: it replays a journal a crash left behind into the database before the first turn.
    private readonly Lazy<Task> _database = new(() => Task.Run(() =>
    {
        services.GetRequiredService<DocumentDatabase>();
        services.GetService<ChatBot.Storage.Conversations.IDialogStateStore>();
    }));

    /// <summary>Completes when the database is open (faults when it cannot be opened). Starts opening it if nothing has.</summary>
    public Task DatabaseOpen => _database.Value;

    /// <summary>Starts opening the database; Program calls it as soon as the app is built.</summary>
    public void Begin() => _ = DatabaseOpen;

    /// <summary>True once the database is open; false when it is still opening after <paramref name="wait"/> or failed.</summary>
    public async Task<bool> IsReadyAsync(TimeSpan wait, CancellationToken ct)
    {
        try
        {
            await DatabaseOpen.WaitAsync(wait, ct);
            return true;
        }
        catch (TimeoutException) { return false; }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { return false; }
        catch (Exception) when (DatabaseOpen.IsFaulted) { return false; }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Begin();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Runs after the web server has started: the database keeps opening while Kestrel binds, and an unopenable
    // database still stops the host with its exception.
    public Task StartedAsync(CancellationToken cancellationToken) => DatabaseOpen.WaitAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
