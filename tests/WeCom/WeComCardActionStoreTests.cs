using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.WeCom;

public class WeComCardActionStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_button_key_leads_to_its_action_in_its_conversation_for_three_days(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var clock = new FakeTimeProvider(Now);
        var store = new WeComCardActionStore(db, clock);
        store.Save([
            new WeComCardActionRecord { Id = "k1", TaskId = "t1", ConversationId = "chat-1", DataJson = """{"verb":"approve"}""", Title = "同意" },
            new WeComCardActionRecord { Id = "k2", TaskId = "t1", ConversationId = "chat-1", InputId = "choice", Options = new() { ["o1"] = "甲" } },
        ]);

        var found = new WeComCardActionStore(db, clock).Find("k1", "chat-1")!;
        Assert.Equal(("""{"verb":"approve"}""", "同意", Now + WeComCardActionStore.Lifetime), (found.DataJson, found.Title, found.ExpiresUtc));
        Assert.Equal("甲", store.Find("k2", "chat-1")!.Options!["o1"]);
        Assert.Null(store.Find("k1", "chat-2")); // a key sent into another conversation leads nowhere
        Assert.Null(store.Find("k3", "chat-1"));
        Assert.Null(store.Find(null, "chat-1"));

        clock.Advance(TimeSpan.FromDays(3)); // 13 March 01:00 UTC, the expiry
        Assert.Null(store.Find("k1", "chat-1"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Expired_keys_are_pruned_and_the_others_kept(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var clock = new FakeTimeProvider(Now);
        var store = new WeComCardActionStore(db, clock);
        store.Save([new WeComCardActionRecord { Id = "old", ConversationId = "chat-1" }]);
        clock.Advance(TimeSpan.FromDays(1));
        store.Save([new WeComCardActionRecord { Id = "new", ConversationId = "chat-1" }]);

        // 13 March 01:00:01 UTC: "old" (expires 13 March 01:00) is gone, "new" (14 March 01:00) stays.
        Assert.Equal(1, store.PruneExpired(new DateTimeOffset(2026, 3, 13, 1, 0, 1, TimeSpan.Zero)));
        Assert.Null(db.Collection<WeComCardActionRecord>(WeComCardActionStore.Collection).FindById("old"));
        Assert.NotNull(store.Find("new", "chat-1"));
    }
}
