using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Storage;
using ChatBot.Storage.Engine;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.WeCom;

/// <summary>
/// The app's access token is kept in the database, so several instances use the one token an instance fetched
/// (WeCom asks that one token be shared across servers, and rate-limits gettoken).
/// </summary>
public class WeComAccessTokenSharingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private int _fetched;

    private Task<(string Token, TimeSpan Lifetime)> Fetch(CancellationToken ct) =>
        Task.FromResult(($"token-{Interlocked.Increment(ref _fetched)}", TimeSpan.FromSeconds(7200)));

    private static WeComAccessTokenCache Cache(DocumentDatabase db, TimeProvider clock, string secret = "app-secret") =>
        new(clock, Options.Create(new WeComOptions { CorpId = "ww-corp", AppSecret = secret }), db);

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task Two_instances_use_the_token_one_fetched_until_it_is_rejected_or_due_for_refresh(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var clock = new FakeTimeProvider(Now);
        var a = Cache(db, clock);
        var b = Cache(db, clock);

        Assert.Equal("token-1", await a.GetAsync(Fetch, default));
        Assert.Equal("token-1", await b.GetAsync(Fetch, default));
        Assert.Equal(1, _fetched);

        // WeCom rejected token-1 on b: b fetches a new one, and a, rejected too, takes b's rather than fetching.
        b.Invalidate("token-1");
        Assert.Equal("token-2", await b.GetAsync(Fetch, default));
        a.Invalidate("token-1");
        Assert.Equal("token-2", await a.GetAsync(Fetch, default));
        Assert.Equal(2, _fetched);

        // A stored token past its refresh time (7200 s - 5 min after it was fetched) is not used: fetched anew.
        clock.Advance(TimeSpan.FromSeconds(7200) - WeComAccessTokenCache.RefreshMargin);
        Assert.Equal("token-3", await Cache(db, clock).GetAsync(Fetch, default));
        Assert.Equal("token-3", await a.GetAsync(Fetch, default));
        Assert.Equal(3, _fetched);

        // Another app (another secret) has its own token; the secret itself is not stored.
        Assert.Equal("token-4", await Cache(db, clock, "other-secret").GetAsync(Fetch, default));
        var stored = db.Table(ChatBotDatabase.WeComSettings).Find(null).ToList();
        Assert.Equal(2, stored.Count(d => d["_id"].AsString.StartsWith("access-token|ww-corp|", StringComparison.Ordinal)));
        Assert.DoesNotContain(stored, d => d.ToString().Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_database_fetch_one_token()
    {
        using var instances = new TwoPostgresInstances();
        var clock = new FakeTimeProvider(Now);
        Assert.Equal("token-1", await Cache(instances.A, clock).GetAsync(Fetch, default));
        Assert.Equal("token-1", await Cache(instances.B, clock).GetAsync(Fetch, default));
        Assert.Equal(1, _fetched);
    }

    [Fact]
    public async Task The_bot_s_token_cache_keeps_the_token_in_its_database()
    {
        using var h = new WeComChannelHarness();
        Assert.Equal("token-1", await h.Host.Service<WeComAccessTokenCache>().GetAsync(Fetch, default));
        var row = Assert.Single(h.Host.Service<DocumentDatabase>().Table(ChatBotDatabase.WeComSettings).Find(null),
            d => d["_id"].AsString.StartsWith("access-token|", StringComparison.Ordinal));
        Assert.Equal("token-1", row["value"].AsString);
    }
}
