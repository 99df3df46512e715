using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

/// <summary>A redelivered activity is recognised on both providers, and by two instances on one PostgreSQL database.</summary>
public class ProcessedActivityStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void An_id_is_first_seen_once_and_a_redelivery_is_recognised(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ProcessedActivityStore(db);
        Assert.True(store.TryMarkFirstSeen("msteams|activity-1", Now));
        Assert.False(store.TryMarkFirstSeen("msteams|activity-1", Now.AddSeconds(5)));
        Assert.True(store.TryMarkFirstSeen("msteams|activity-2", Now));
        // Another store on the same database (the process after a restart) knows it too.
        Assert.False(new ProcessedActivityStore(db).TryMarkFirstSeen("msteams|activity-1", Now.AddMinutes(1)));
        // The first sighting's time is kept (pruning goes by it).
        Assert.Equal(Now, db.Collection<ProcessedActivity>(ChatBotDatabase.ProcessedActivities).FindById("msteams|activity-1")!.SeenUtc);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Long_ids_are_deduplicated_too(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ProcessedActivityStore(db);
        var longId = "wecom-robot|" + new string('x', 600);
        var otherLongId = "wecom-robot|" + new string('x', 599) + "y";
        Assert.True(store.TryMarkFirstSeen(longId, Now));
        Assert.False(store.TryMarkFirstSeen(longId, Now));
        Assert.True(store.TryMarkFirstSeen(otherLongId, Now));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Prune_forgets_the_ids_seen_before_the_cut_only(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ProcessedActivityStore(db);
        store.TryMarkFirstSeen("old", Now.AddHours(-25));
        store.TryMarkFirstSeen("edge", Now.AddHours(-24));
        store.TryMarkFirstSeen("new", Now.AddHours(-1));

        Assert.Equal(1, store.Prune(Now.AddHours(-24)));

        Assert.True(store.TryMarkFirstSeen("old", Now)); // forgotten: would be handled again
        Assert.False(store.TryMarkFirstSeen("edge", Now));
        Assert.False(store.TryMarkFirstSeen("new", Now));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task One_id_offered_on_many_threads_at_once_is_first_seen_once(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ProcessedActivityStore(db);
        var firsts = await TwoPostgresInstances.AllAtOnce(Enumerable.Range(0, 40).Select(i =>
            new Func<bool>(() => store.TryMarkFirstSeen("msteams|retried-" + i % 4, Now))));
        Assert.Equal(4, firsts.Count(f => f));
    }

    [Fact]
    public async Task One_id_offered_to_two_instances_at_once_is_first_seen_by_exactly_one()
    {
        using var instances = new TwoPostgresInstances();
        var a = new ProcessedActivityStore(instances.A);
        var b = new ProcessedActivityStore(instances.B);
        var ids = Enumerable.Range(1, 100).Select(i => $"msteams|redelivered-{i}").ToList();

        var firsts = await TwoPostgresInstances.AllAtOnce(ids.SelectMany(id => new Func<(string Id, bool First)>[]
        {
            () => (id, a.TryMarkFirstSeen(id, Now)),
            () => (id, b.TryMarkFirstSeen(id, Now)),
        }));

        Assert.Equal(ids.Order(), firsts.Where(f => f.First).Select(f => f.Id).Order());
    }
}
