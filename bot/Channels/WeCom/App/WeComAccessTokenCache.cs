namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>
/// Holds the app's access token until shortly before it expires and makes concurrent callers share one refresh
/// (WeCom rate-limits gettoken). A singleton: typed HttpClients are transient, the token must outlive them.
/// One cache per (CorpId, AppSecret).
/// </summary>
internal sealed class WeComAccessTokenCache(TimeProvider time)
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

            var (value, lifetime) = await fetch(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, new CachedToken(value, time.GetUtcNow() + UsableLifetime(lifetime)));
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
