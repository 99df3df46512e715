using System.Collections.Concurrent;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Npgsql;

namespace ChatBot.Tests.Reminders;

/// <summary>
/// The outbox when several instances share it: claiming due reminders, lanes of waiting replies. The first tests run on
/// both providers; the others put two stores on two data sources of one PostgreSQL database, as two bot processes.
/// </summary>
public class OutboxSharingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero); // Tue 09:00 Shanghai
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static OutboxMessage InLane(string key, string lane, DateTimeOffset due)
    {
        var m = ReminderHosts.Message(key, due);
        m.Lane = lane;
        return m;
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Due_reminders_are_claimed_oldest_first_once_per_lease_and_lane_messages_are_left_to_their_lanes(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new OutboxStore(db);
        store.TryEnqueueAll([
            ReminderHosts.Message("r/later", T0.AddHours(1)),
            ReminderHosts.Message("r/now", T0),
            ReminderHosts.Message("r/earlier", T0.AddMinutes(-1)),
            InLane("reply/1", "conv-a", T0.AddMinutes(-5)),
        ]);

        Assert.Equal(["r/earlier", "r/now"], store.ClaimDue(T0, 10, Lease).Select(m => m.Key));
        var claimed = store.Get("r/now")!;
        Assert.Equal(T0 + Lease, claimed.ClaimedUntilUtc);
        Assert.Equal(T0 + Lease, claimed.NextAttemptUtc);
        Assert.Equal(T0, claimed.LastAttemptUtc);
        Assert.Empty(store.ClaimDue(T0.AddMinutes(1), 10, Lease)); // held by the lease
        Assert.Equal(["conv-a"], store.DueLanes(T0));

        // The lease ran out (the sender died): due again; a message sent or given back is not.
        Assert.Equal(["r/earlier"], store.ClaimDue(T0 + Lease, 1, Lease).Select(m => m.Key));
        Assert.True(store.MarkSent("r/now", T0, "a1"));
        Assert.True(store.Release("r/earlier", T0.AddMinutes(10)));
        Assert.Null(store.Get("r/earlier")!.ClaimedUntilUtc);
        Assert.Empty(store.ClaimDue(T0.AddMinutes(9), 10, Lease));
        Assert.Equal(["r/earlier"], store.ClaimDue(T0.AddMinutes(10), 10, Lease).Select(m => m.Key));
        Assert.Equal(0, store.Get("r/earlier")!.Attempts); // claiming is not an attempt
        Assert.True(store.MarkSent("r/earlier", T0.AddMinutes(10), "a2"));
        Assert.Equal(["r/later"], store.ClaimDue(T0.AddHours(2), 10, Lease).Select(m => m.Key));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_lane_is_sent_in_the_order_it_was_queued_one_head_at_a_time(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new OutboxStore(db);
        // Queued in an order their keys do not sort in, one at a time as turns queue them.
        foreach (var key in new[] { "reply/c", "reply/a", "reply/b" }) Assert.True(store.TryEnqueue(InLane(key, "conv-a", T0)));
        store.TryEnqueue(InLane("reply/other", "conv-b", T0));

        var positions = new[] { "reply/c", "reply/a", "reply/b" }.Select(k => store.Get(k)!.Sequence).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Equal(3, positions.Distinct().Count());
        Assert.Equal("reply/c", store.LaneHead("conv-a")!.Key);
        Assert.True(store.MarkSent("reply/c", T0, "a1"));
        Assert.Equal("reply/a", store.LaneHead("conv-a")!.Key);
        Assert.True(store.MarkDead("reply/a", "expired"));
        Assert.Equal("reply/b", store.LaneHead("conv-a")!.Key);
        Assert.True(store.MarkSent("reply/b", T0, "a2"));
        Assert.False(store.HasPendingInLane("conv-a"));
        Assert.Null(store.LaneHead("conv-a"));
        Assert.True(store.HasPendingInLane("conv-b"));
    }

    /// <summary>Two stores with their own connections on one new PostgreSQL database: two bot instances.</summary>
    private static (OutboxStore A, OutboxStore B, IDisposable Sources) TwoInstances()
    {
        var connection = PostgresServer.NewDatabase();
        var sourceA = NpgsqlDataSource.Create(connection);
        var sourceB = NpgsqlDataSource.Create(connection);
        PostgresSchema.Migrate(sourceA);
        return (new OutboxStore(new PostgresDocumentDatabase(sourceA)), new OutboxStore(new PostgresDocumentDatabase(sourceB)),
            new Both(sourceA, sourceB));
    }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose() { a.Dispose(); b.Dispose(); }
    }

    [Fact]
    public async Task Two_instances_claiming_at_once_take_each_of_500_due_messages_exactly_once()
    {
        var (a, b, sources) = TwoInstances();
        using var _ = sources;
        for (var batch = 0; batch < 10; batch++)
            a.TryEnqueueAll(Enumerable.Range(batch * 50, 50).Select(i => ReminderHosts.Message($"r/{i:000}", T0.AddSeconds(-i))).ToList());

        var claims = new ConcurrentBag<string>();
        // Two senders per instance, each taking a few at a time until nothing is due.
        var senders = Enumerable.Range(0, 4).Select(i => Task.Run(() =>
        {
            var store = i % 2 == 0 ? a : b;
            while (store.ClaimDue(T0, 7, Lease) is { Count: > 0 } taken)
                foreach (var m in taken) claims.Add(m.Key);
        }));
        await Task.WhenAll(senders);

        Assert.Equal(500, claims.Count);
        Assert.Equal(500, claims.Distinct().Count());
        Assert.All(b.All(), m => Assert.Equal(T0 + Lease, m.ClaimedUntilUtc));
    }

    [Fact]
    public async Task Two_instances_claiming_one_message_by_key_at_once_take_it_once()
    {
        var (a, b, sources) = TwoInstances();
        using var _ = sources;
        var keys = Enumerable.Range(0, 40).Select(i => $"r/{i}").ToList();
        a.TryEnqueueAll(keys.Select(k => ReminderHosts.Message(k, T0)).ToList());

        // Two senders per instance go through all the keys at once, each wanting every one.
        var wins = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() =>
        {
            var store = i % 2 == 0 ? a : b;
            foreach (var key in keys)
                if (store.TryClaim(key, T0, Lease)) wins.Add(key);
        })));

        Assert.Equal(keys.Order(), wins.Order());
    }

    [Fact]
    public void Two_instances_replying_in_one_conversation_queue_behind_each_other_and_see_each_other_s_sends()
    {
        var (a, b, sources) = TwoInstances();
        using var _ = sources;
        // The turns of one conversation alternate between the instances.
        for (var i = 0; i < 10; i++) Assert.True((i % 2 == 0 ? a : b).TryEnqueue(InLane($"reply/{i}", "conv-a", T0)));

        var positions = Enumerable.Range(0, 10).Select(i => a.Get($"reply/{i}")!.Sequence).ToList();
        Assert.Equal(10, positions.Distinct().Count());
        Assert.Equal(positions.Order(), positions);
        Assert.Equal("reply/0", b.LaneHead("conv-a")!.Key);

        // One instance delivers the lane: the other knows at once that nothing waits any more.
        Assert.True(b.HasPendingInLane("conv-a"));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal($"reply/{i}", a.LaneHead("conv-a")!.Key);
            Assert.True(a.MarkSent($"reply/{i}", T0, $"a{i}"));
        }
        Assert.False(b.HasPendingInLane("conv-a"));
        Assert.Null(b.LaneHead("conv-a"));
    }

    [Fact]
    public void A_reply_queued_behind_one_copied_from_LiteDB_keeps_its_place_after_it()
    {
        using var db = StorageProviders.Open("postgres");
        // migrate-store copies the records as they are: a waiting reply numbered by the embedded database's count.
        var copied = InLane("reply/copied", "conv-a", T0);
        copied.Sequence = 5000;
        db.Collection<OutboxMessage>(OutboxStore.Collection).Insert(copied);
        var store = new OutboxStore(db);

        Assert.True(store.TryEnqueue(InLane("reply/new", "conv-a", T0)));

        Assert.Equal(5001, store.Get("reply/new")!.Sequence);
        Assert.Equal("reply/copied", store.LaneHead("conv-a")!.Key);
    }
}
