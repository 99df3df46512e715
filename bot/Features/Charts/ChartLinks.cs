using System.Collections.Concurrent;
using System.Security.Cryptography;
using ChatBot.Bot.Conversation;
using ChatBot.Cards.Charts;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Charts;

/// <summary>
/// The chart images the stats cards link to: GET /charts/{token}.png. A token is 32 random bytes (nothing about the
/// workspace or the figures is in the address), works for <see cref="ChartOptions.LinkHours"/>, and is forgotten on
/// restart (the charts are kept in memory). The chart is drawn on the first request and the PNG kept for the next.
/// </summary>
internal sealed class ChartLinks(ChartRenderer renderer, TimeProvider clock, IOptions<ChartOptions> options, IOptions<BotOptions> bot, IHttpContextAccessor? http = null)
{
    private readonly ConcurrentDictionary<string, Entry> _charts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byKey = new(StringComparer.Ordinal);

    private sealed class Entry(ChartModel chart, DateTimeOffset expiresUtc)
    {
        public ChartModel Chart { get; } = chart;
        public DateTimeOffset ExpiresUtc { get; } = expiresUtc;
        public byte[]? Png { get; set; }
    }

    /// <summary>What GET /charts/{token}.png finds: the PNG, or why there is none.</summary>
    public sealed record Lookup(byte[]? Png, string? Reason);

    /// <summary>
    /// Keeps the chart for a while and returns the card's image: its absolute address and its text. The same chart
    /// asked for again (the same stats command twice) gets the same link while more than half its life is left, so
    /// it is drawn once and the card is the same.
    /// </summary>
    public ChartImage Publish(ChartModel chart)
    {
        RemoveExpired();
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromHours(Math.Max(1, options.Value.LinkHours));
        var key = Key(chart);
        if (!(_byKey.TryGetValue(key, out var token) && _charts.TryGetValue(token, out var kept) && kept.ExpiresUtc - now > lifetime / 2))
        {
            token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            _charts[token] = new Entry(chart, now + lifetime);
            _byKey[key] = token;
        }
        var baseUrl = ChatBot.Bot.Hosting.PublicBaseUrl.For(bot.Value.PublicBaseUrl, http?.HttpContext?.Request);
        return new ChartImage($"{baseUrl}/charts/{token}.png", chart.AltText);
    }

    public Lookup Find(string token)
    {
        if (!_charts.TryGetValue(token, out var entry))
            return new Lookup(null, "This chart link is unknown (links end when the bot restarts); ask the bot for the statistics again. 图表链接无效,请重新查询统计。");
        if (entry.ExpiresUtc <= clock.GetUtcNow())
        {
            _charts.TryRemove(token, out _);
            return new Lookup(null, "This chart link has expired; ask the bot for the statistics again. 图表链接已过期,请重新查询统计。");
        }
        lock (entry) entry.Png ??= renderer.RenderPng(entry.Chart);
        return new Lookup(entry.Png, null);
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (token, entry) in _charts)
            if (entry.ExpiresUtc <= now) _charts.TryRemove(token, out _);
        foreach (var (key, token) in _byKey)
            if (!_charts.ContainsKey(token)) _byKey.TryRemove(key, out _);
    }

    /// <summary>What the chart shows, as text: equal keys draw equal pictures.</summary>
    private static string Key(ChartModel chart) =>
        System.Text.Json.JsonSerializer.Serialize(new { chart.Title, chart.Horizontal, chart.Percent, Bars = chart.Bars.Select(b => new[] { b.Label, b.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), b.Color }) });
}
