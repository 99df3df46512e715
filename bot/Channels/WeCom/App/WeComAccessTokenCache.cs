using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatBot.Storage.Engine;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>
/// Holds the app's access token until shortly before it expires and makes concurrent callers share one refresh
/// (WeCom rate-limits gettoken). A singleton: typed HttpClients are transient, the token must outlive them.
/// One cache per (CorpId, AppSecret). With a database (<paramref name="database"/>) the token is kept there too, so
/// every instance on it uses the one token an instance fetched (WeCom asks for one token shared across servers).
/// </summary>
internal sealed class WeComAccessTokenCache(TimeProvider time, IOptions<WeComOptions>? options = null, DocumentDatabase? database = null)
{
    /// <summary>Refresh this long before expiry, so a token never expires between the check and WeCom's use.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private CachedToken? _current;

    /// <summary>The cached token, or one fetched by <paramref name="fetch"/> (by only one caller at a time).</summary>
    public async ValueTask<string> GetAsync(Func<CancellationToken, Task<(string Token, TimeSpan Lifetime)>> fetch,
        CancellationToken cancellationToken)
    {
        if (TryGetFresh() is { } token)
        {
            return token;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryGetFresh() is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            if (Shared() is { } shared && time.GetUtcNow() < shared.RefreshAfter)
            {
                Volatile.Write(ref _current, shared);
                return shared.Value;
            }

            var (value, lifetime) = await fetch(cancellationToken).ConfigureAwait(false);
            var fetched = new CachedToken(value, time.GetUtcNow() + UsableLifetime(lifetime));
            Volatile.Write(ref _current, fetched);
            Share(fetched);
            return value;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <summary>
    /// Drops <paramref name="rejectedToken"/> after WeCom called it invalid or expired. A token another caller has
    /// already replaced stays, so a burst of rejections causes one refresh, not one each.
    /// </summary>
    public void Invalidate(string rejectedToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Value == rejectedToken)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
        if (SharedKey is { } key && Shared() is { } shared && shared.Value == rejectedToken)
        {
            Settings!.Delete(key);
        }
    }

    private DocumentTable? Settings => database?.Table(ChatBot.Storage.ChatBotDatabase.WeComSettings);

    /// <summary>The token's row: per corp and secret (hashed: the secret itself is never stored).</summary>
    private string? SharedKey => database is null || options is null ? null
        : "access-token|" + options.Value.CorpId + "|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AppSecret)))[..16];

    private CachedToken? Shared()
    {
        if (SharedKey is not { } key || Settings!.FindById(key) is not { } row) return null;
        return long.TryParse(row["refreshAfterMs"].AsString, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? new CachedToken(row["value"].AsString, DateTimeOffset.FromUnixTimeMilliseconds(ms))
            : null;
    }

    private void Share(CachedToken token)
    {
        if (SharedKey is not { } key) return;
        Settings!.Upsert(new BsonDocument
        {
            ["_id"] = key,
            ["value"] = token.Value,
            ["refreshAfterMs"] = token.RefreshAfter.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    private string? TryGetFresh()
    {
        var current = Volatile.Read(ref _current);
        return current is not null && time.GetUtcNow() < current.RefreshAfter ? current.Value : null;
    }

    private static TimeSpan UsableLifetime(TimeSpan lifetime) =>
        lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2;

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAfter);
}
