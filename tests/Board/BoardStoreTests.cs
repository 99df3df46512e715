using ChatBot.Storage.Board;
using ChatBot.Storage.Postgres;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Board;

/// <summary>BoardStore's contract: each test runs on LiteDB and on PostgreSQL; the two-instance one on PostgreSQL.</summary>
public class BoardStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_workspace_has_one_live_link_and_a_closed_one_is_not_reopened(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new BoardStore(db);
        Assert.Null(store.Live("A"));
        var link = store.Open("A", "msteams:user-1", Now);
        Assert.Equal(43, link.Token.Length); // 32 bytes, URL-safe base64 without padding
        Assert.DoesNotContain(link.Token, c => c is '+' or '/' or '=');
        Assert.Equal(link.Token, store.Open("A", "msteams:user-2", Now.AddHours(1)).Token);
        Assert.Equal(link.Token, store.Live("A")!.Token);
        Assert.NotEqual(link.Token, store.Open("B", "msteams:user-1", Now).Token);

        Assert.True(store.Close("A", Now.AddDays(1)));
        Assert.False(store.Close("A", Now.AddDays(2)));
        Assert.Null(store.Live("A"));
        var closed = store.Find(link.Token)!;
        Assert.Equal((false, (DateTimeOffset?)Now.AddDays(1)), (closed.IsLive, closed.RevokedUtc));
        var reopened = store.Open("A", "msteams:user-1", Now.AddDays(3));
        Assert.NotEqual(link.Token, reopened.Token);
        Assert.Equal(reopened.Token, store.Live("A")!.Token);
        Assert.Null(store.Find("no-such-token"));
        Assert.Null(store.Find(""));
        Assert.Null(store.Find(new string('x', 101)));
    }

    [Fact]
    public async Task Two_instances_opening_the_board_at_once_give_one_live_link()
    {
        using var two = new TwoPostgresInstances();
        var a = new BoardStore(two.A);
        var b = new BoardStore(two.B);
        for (var round = 0; round < 5; round++)
        {
            var ws = "W" + round;
            var opens = Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).Open(ws, "msteams:user-1", Now))).ToList();
            var links = await Task.WhenAll(opens);
            Assert.Single(links.Select(l => l.Token).Distinct());
            Assert.Equal(links[0].Token, b.Live(ws)!.Token);
        }
    }
}
