using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

public class ClosedCardStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_closed_card_keeps_its_first_state_in_its_own_workspace(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ClosedCardStore(db);
        store.Close("w1", "card-1", ClosedCardStore.Saved, "msteams:u1", Now);
        store.Close("w1", "card-1", ClosedCardStore.Cancelled, "msteams:u2", Now.AddMinutes(1));

        var closed = store.Find("w1", "card-1")!;
        Assert.Equal(ClosedCardStore.Saved, closed.State);
        Assert.Equal("msteams:u1", closed.UserKey);
        Assert.Equal(Now, closed.ClosedUtc);
        Assert.Null(store.Find("w2", "card-1")); // the same card id in another workspace is another card
        Assert.Null(store.Find("w1", "card-2"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Prune_forgets_the_cards_closed_before_the_cut(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ClosedCardStore(db);
        store.Close("w", "old", ClosedCardStore.Saved, null, Now.AddDays(-181));
        store.Close("w", "recent", ClosedCardStore.Cancelled, null, Now.AddDays(-179));

        Assert.Equal(1, store.Prune(Now.AddDays(-180)));

        Assert.Null(store.Find("w", "old"));
        Assert.Equal(ClosedCardStore.Cancelled, store.Find("w", "recent")!.State);
    }
}
