using ChatBot.Bot.Hosting;
using ChatBot.Storage;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Tests.Hosting;

public class StartupReadinessTests
{
    /// <summary>Services whose LiteDatabase opens only when <paramref name="open"/> is set (or throws when it says so).</summary>
    private static ServiceProvider Services(ManualResetEventSlim open, Func<bool>? fail = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<LiteDatabase>(_ =>
        {
            open.Wait(TimeSpan.FromSeconds(30));
            if (fail?.Invoke() == true) throw new IOException("disk gone");
            return ChatBotDatabase.Open(TempPaths.NewDatabase());
        });
        services.AddSingleton<IHostApplicationLifetime, TestLifetime>();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddStartupReadiness();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Not_ready_while_the_database_is_opening_ready_once_it_is_open()
    {
        using var open = new ManualResetEventSlim();
        await using var sp = Services(open);
        var readiness = sp.GetRequiredService<StartupReadiness>();

        readiness.Begin();
        Assert.False(await readiness.IsReadyAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None));

        open.Set();
        Assert.True(await readiness.IsReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(readiness.DatabaseOpen.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_database_that_cannot_open_is_never_ready_and_fails_the_host_start()
    {
        using var open = new ManualResetEventSlim(initialState: true);
        await using var sp = Services(open, fail: () => true);
        var readiness = sp.GetRequiredService<StartupReadiness>();

        await readiness.StartingAsync(CancellationToken.None);
        Assert.False(await readiness.IsReadyAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(readiness.DatabaseOpen.IsFaulted);
        await Assert.ThrowsAsync<IOException>(() => readiness.StartedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_deferred_service_is_built_and_started_only_after_the_database_opens_and_is_stopped_with_the_host()
    {
        using var open = new ManualResetEventSlim();
        await using var sp = Services(open, more: s =>
        {
            s.AddSingleton<RecordingService>();
            s.AddHostedServiceAfterDatabaseOpens<RecordingService>();
        });
        var hosted = sp.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, h => h is StartupReadiness);
        var deferred = Assert.Single(hosted.OfType<StartAfterDatabaseOpens<RecordingService>>());

        await deferred.StartAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.Equal(0, RecordingService.Built);

        open.Set();
        var service = await WaitForAsync(() => sp.GetRequiredService<RecordingService>(), s => s.Started);
        Assert.Equal(1, RecordingService.Built);

        await deferred.StopAsync(CancellationToken.None);
        Assert.True(service.Stopped);
    }

    private static async Task<T> WaitForAsync<T>(Func<T> get, Func<T, bool> done)
    {
        for (var i = 0; i < 300; i++)
        {
            var value = get();
            if (done(value)) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException("the deferred service did not start");
    }

    private sealed class RecordingService : IHostedService
    {
        public static int Built;
        // No dependency on the database: only the wrapper's wait keeps it from being built early.
        public RecordingService() => Interlocked.Increment(ref Built);
        public bool Started { get; private set; }
        public bool Stopped { get; private set; }
        public Task StartAsync(CancellationToken cancellationToken) { Started = true; return Task.CompletedTask; }
        public Task StopAsync(CancellationToken cancellationToken) { Stopped = true; return Task.CompletedTask; }
    }

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => throw new InvalidOperationException("not expected in these tests");
    }
}
