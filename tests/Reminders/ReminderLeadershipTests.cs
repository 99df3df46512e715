using System.Diagnostics;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Leadership;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChatBot.Tests.Reminders;

/// <summary>One reminder leader among instances on one PostgreSQL database (each leadership has its own data source, as
/// a bot process would).</summary>
public class ReminderLeadershipTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero); // Tue 09:00 Shanghai

    private static PostgresLeadership Leadership(NpgsqlDataSource source) => new(source, NullLogger<PostgresLeadership>.Instance);

    /// <summary>Asks <paramref name="follower"/> every half second, as the scheduler does every LeaderRetry, until it leads.</summary>
    private static async Task<TimeSpan> TakeOverAsync(IReminderLeadership follower, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (!follower.TryLead())
        {
            Assert.True(watch.Elapsed < within, $"no takeover within {within}");
            await Task.Delay(500);
        }
        return watch.Elapsed;
    }

    [Fact]
    public async Task Of_two_instances_exactly_one_leads_and_the_other_takes_over_when_the_leader_s_connection_dies()
    {
        var connection = PostgresServer.NewDatabase();
        using var sourceA = NpgsqlDataSource.Create(connection);
        using var sourceB = NpgsqlDataSource.Create(connection);
        using var a = Leadership(sourceA);
        using var b = Leadership(sourceB);

        Assert.True(a.TryLead());
        for (var i = 0; i < 3; i++)
        {
            Assert.False(b.TryLead());
            Assert.True(a.TryLead()); // asked again, it still leads
        }
        Assert.Null(b.BackendProcessId); // a follower keeps no connection open

        PostgresServer.TerminateBackend(a.BackendProcessId!.Value);
        var took = await TakeOverAsync(b, within: new ReminderOptions().LeaderRetry);
        Assert.False(a.TryLead()); // its connection is gone, and b holds the lock now
        Assert.True(b.TryLead());
        Assert.True(took < TimeSpan.FromSeconds(5), $"took over after {took}");
    }

    [Fact]
    public void A_leader_that_stops_hands_over_at_once_and_a_stopped_one_never_leads_again()
    {
        var connection = PostgresServer.NewDatabase();
        using var sourceA = NpgsqlDataSource.Create(connection);
        using var sourceB = NpgsqlDataSource.Create(connection);
        var a = Leadership(sourceA);
        using var b = Leadership(sourceB);
        Assert.True(a.TryLead());
        Assert.False(b.TryLead());

        a.Dispose(); // the bot shuts down: its connection goes back to the pool, the lock must not stay with it

        Assert.True(b.TryLead());
        Assert.False(a.TryLead());
    }

    /// <summary>Met when the test says so (as the WeCom robot's lease is held or not).</summary>
    private sealed class ScriptedPrerequisite : ILeadershipPrerequisite
    {
        public volatile bool Met;
        public bool IsMet => Met;
        public string Reason => "the test says so";
    }

    [Fact]
    public void An_instance_without_a_prerequisite_does_not_lead_and_hands_over_at_once_when_it_loses_it()
    {
        var connection = PostgresServer.NewDatabase();
        using var sourceA = NpgsqlDataSource.Create(connection);
        using var sourceB = NpgsqlDataSource.Create(connection);
        var robotA = new ScriptedPrerequisite();
        var robotB = new ScriptedPrerequisite { Met = true };
        using var a = new PostgresLeadership(sourceA, NullLogger<PostgresLeadership>.Instance, [robotA]);
        using var b = new PostgresLeadership(sourceB, NullLogger<PostgresLeadership>.Instance, [robotB]);

        Assert.False(a.TryLead()); // asked first, but without the prerequisite
        Assert.Null(a.BackendProcessId);
        Assert.True(b.TryLead());

        robotA.Met = true;
        Assert.False(a.TryLead()); // b leads
        robotB.Met = false;
        Assert.False(b.TryLead()); // b lets go when asked, not when its connection dies
        Assert.Null(b.BackendProcessId);
        Assert.True(a.TryLead());
    }

    [Fact]
    public void A_leader_whose_database_cannot_be_reached_does_not_lead()
    {
        // Nothing listens on port 1: asking must answer "not leading", not throw into the scheduler's loop.
        using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2");
        using var leadership = Leadership(unreachable);
        Assert.False(leadership.TryLead());
    }

    [Fact]
    public async Task The_scheduler_of_a_follower_neither_queues_nor_sends_and_takes_over_when_the_leader_dies()
    {
        var sender = new FakeProactiveSender();
        var source = new ListReminderSource();
        source.Producers.Add(now => ReminderHosts.Message($"test/{now:HHmm}", now));
        using var host = ReminderHosts.Create(sender: sender, source: source);
        ReminderHosts.SeedWorkspace(host);
        var connection = PostgresServer.NewDatabase();
        using var sourceA = NpgsqlDataSource.Create(connection);
        using var sourceB = NpgsqlDataSource.Create(connection);
        using var leaderA = Leadership(sourceA);
        using var leaderB = Leadership(sourceB);
        Assert.True(leaderA.TryLead());
        var a = ActivatorUtilities.CreateInstance<ReminderScheduler>(host.Services, (IReminderLeadership)leaderA);
        var b = ActivatorUtilities.CreateInstance<ReminderScheduler>(host.Services, (IReminderLeadership)leaderB);
        var outbox = host.Service<OutboxStore>();

        var follower = await b.RunOnceAsync(T0);
        Assert.False(follower.Led);
        Assert.Equal(0, follower.Enqueued);
        Assert.Empty(outbox.All());
        Assert.Empty(sender.Sent);

        var leader = await a.RunOnceAsync(T0);
        Assert.True(leader.Led);
        Assert.Equal(1, leader.Enqueued);
        Assert.Equal(1, leader.Drained.Sent);

        PostgresServer.TerminateBackend(leaderA.BackendProcessId!.Value);
        await TakeOverAsync(leaderB, within: TimeSpan.FromSeconds(10));
        var oldLeader = await a.RunOnceAsync(T0.AddMinutes(1));
        Assert.False(oldLeader.Led);
        var newLeader = await b.RunOnceAsync(T0.AddMinutes(1));
        Assert.True(newLeader.Led);
        Assert.Equal(1, newLeader.Enqueued);
        Assert.Equal(["test/0100", "test/0101"], outbox.All().Select(m => m.Key).Order()); // keyed by the UTC time of the tick
        Assert.Equal(2, sender.Sent.Count);
    }

    [Fact]
    public void The_leadership_follows_the_database_PostgreSQL_elects_and_LiteDB_always_leads()
    {
        using (var host = ReminderHosts.Create())
            Assert.IsType<LocalLeadership>(host.Service<IReminderLeadership>());

        using var postgres = StorageProviders.Open("postgres");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(postgres);
        services.AddReminders(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var leadership = Assert.IsType<PostgresLeadership>(provider.GetRequiredService<IReminderLeadership>());
        Assert.True(leadership.TryLead());
    }

    /// <summary>Leads when the test says so; counts how often it was asked.</summary>
    private sealed class ScriptedLeadership : IReminderLeadership
    {
        private int _asked;
        public volatile bool Leading;
        public int Asked => Volatile.Read(ref _asked);
        public bool TryLead() { Interlocked.Increment(ref _asked); return Leading; }
    }

    [Fact]
    public async Task A_follower_s_loop_asks_every_LeaderRetry_and_ticks_as_soon_as_it_leads()
    {
        var sender = new FakeProactiveSender();
        var source = new ListReminderSource();
        source.Producers.Add(now => ReminderHosts.Message("test/loop", now));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var leadership = new ScriptedLeadership();
        using var host = new BotHost(clock: clock, configure: services =>
        {
            Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.RemoveAll<ChatBot.Bot.Conversation.IProactiveSender>(services);
            services.AddSingleton<ChatBot.Bot.Conversation.IProactiveSender>(sender);
            services.AddSingleton<IReminderSource>(source);
            Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.RemoveAll<IReminderLeadership>(services);
            services.AddSingleton<IReminderLeadership>(leadership);
        });
        ReminderHosts.SeedWorkspace(host);
        _ = host.Services; // starts the host and its hosted services
        var retry = new ReminderOptions().LeaderRetry;

        // Following for three minutes: asked every LeaderRetry, nothing queued or sent.
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(3); waited += retry)
        {
            clock.Advance(retry);
            await Task.Delay(20);
        }
        Assert.True(leadership.Asked >= 20, $"asked {leadership.Asked} times in 3 minutes");
        Assert.Empty(host.Service<OutboxStore>().All());

        // The leader died: one LeaderRetry later this instance ticks, without waiting for the next minute.
        leadership.Leading = true;
        var advanced = TimeSpan.Zero;
        for (var i = 0; i < 100 && sender.Sent.Count == 0; i++)
        {
            if (i % 5 == 0) { clock.Advance(retry); advanced += retry; }
            await Task.Delay(50);
        }
        Assert.Single(sender.Sent);
        Assert.True(advanced <= 3 * retry, $"ticked {advanced} after it could lead");
    }
}
