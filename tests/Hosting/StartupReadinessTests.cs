using ChatBot.Bot.Hosting;
using ChatBot.Storage;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Tests.Hosting;

public class StartupReadinessTests
{
    /// <summary>Services whose database opens only when <paramref name="open"/> is set (or throws when it says so).</summary>
    private static ServiceProvider Services(ManualResetEventSlim open, Func<bool>? fail = null, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ChatBot.Storage.Engine.DocumentDatabase>(_ =>
        {
            open.Wait(TimeSpan.FromSeconds(30));
            if (fail?.Invoke() == true) throw new IOException("disk gone");
            return (ChatBot.Storage.Engine.DocumentDatabase)ChatBotDatabase.Open(TempPaths.NewDatabase());
        });
        services.AddSingleton<IHostApplicationLifetime, TestLifetime>();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        StartupReadiness.Register(services);
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

    private sealed class TestLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => throw new InvalidOperationException("not expected in these tests");
    }
}
