using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

public class ConversationReferenceStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    private static StoredConversationReference Reference(string workspaceId, string serviceUrl, DateTimeOffset at) => new()
    {
        Id = workspaceId, ChannelId = "msteams", ServiceUrl = serviceUrl, ConversationId = "19:group@thread.v2", IsGroup = true,
        TenantId = "tenant-1", BotId = "28:bot", BotName = "调解助手", Locale = "zh-CN", UpdatedUtc = at,
    };

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_reference_is_saved_moved_listed_and_removed(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ConversationReferenceStore(db);
        store.Upsert(Reference("w1", "https://smba.trafficmanager.net/cn/", Now));
        store.Upsert(Reference("w2", "https://smba.trafficmanager.net/cn/", Now));

        var saved = new ConversationReferenceStore(db).Get("w1")!;
        Assert.Equal(("https://smba.trafficmanager.net/cn/", "19:group@thread.v2", "tenant-1", "28:bot", true), (saved.ServiceUrl, saved.ConversationId, saved.TenantId, saved.BotId, saved.IsGroup));

        // Service URLs move: the next turn's reference replaces the old one at once.
        store.Upsert(Reference("w1", "https://smba.trafficmanager.net/apac/", Now.AddSeconds(10)));
        Assert.Equal("https://smba.trafficmanager.net/apac/", new ConversationReferenceStore(db).Get("w1")!.ServiceUrl);

        Assert.Equal(["w1", "w2"], store.All().Select(r => r.Id).Order());
        Assert.True(store.Remove("w1"));
        Assert.False(store.Remove("w1"));
        Assert.Null(store.Get("w1"));
        Assert.Equal(["w2"], store.All().Select(r => r.Id));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void An_unchanged_reference_is_rewritten_at_most_once_an_hour(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ConversationReferenceStore(db);
        store.Upsert(Reference("w", "https://smba.trafficmanager.net/cn/", Now));
        store.Upsert(Reference("w", "https://smba.trafficmanager.net/cn/", Now.AddMinutes(30)));
        Assert.Equal(Now, store.Get("w")!.UpdatedUtc);
        store.Upsert(Reference("w", "https://smba.trafficmanager.net/cn/", Now.AddMinutes(61)));
        Assert.Equal(Now.AddMinutes(61), store.Get("w")!.UpdatedUtc);
    }

    [Fact]
    public void On_one_PostgreSQL_database_a_reference_another_instance_removed_is_saved_again_by_the_next_turn()
    {
        using var instances = new TwoPostgresInstances();
        var a = new ConversationReferenceStore(instances.A);
        var b = new ConversationReferenceStore(instances.B);
        a.Upsert(Reference("w", "https://smba.trafficmanager.net/cn/", Now));

        Assert.True(b.Remove("w")); // e.g. the bot was removed, as b saw it
        a.Upsert(Reference("w", "https://smba.trafficmanager.net/cn/", Now.AddSeconds(20))); // then added again, a turn on a

        Assert.NotNull(b.Get("w"));
    }
}
