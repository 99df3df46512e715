using System.Collections.Concurrent;
using ChatBot.Bot.Conversation;
using ChatBot.Cards.Charts;
using ChatBot.Storage.Downloads;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Charts;

/// <summary>
/// The chart images the stats cards link to: GET /charts/{token}.png. A token is 32 random bytes (nothing about the
/// workspace or the figures is in the address) and works for <see cref="ChartOptions.LinkHours"/>. What the chart
/// shows is kept in the database (<see cref="LinkStore"/>), so a link survives a restart and works on every instance;
/// the PNG is drawn on the first request to an instance and kept in its memory for the next.
/// </summary>
internal sealed class ChartLinks(ChartRenderer renderer, LinkStore links, TimeProvider clock, IOptions<ChartOptions> options, IOptions<BotOptions> bot, IHttpContextAccessor? http = null)
{
    private readonly ConcurrentDictionary<string, (byte[] Png, DateTimeOffset ExpiresUtc)> _drawn = new(StringComparer.Ordinal);

    /// <summary>What GET /charts/{token}.png finds: the PNG, or why there is none.</summary>
    public sealed record Lookup(byte[]? Png, string? Reason);

    /// <summary>
    /// Keeps the chart for a while and returns the card's image: its absolute address and its text. The same chart
    /// asked for again (the same stats command twice) gets the same link while more than half its life is left, so
    /// it is drawn once and the card is the same.
    /// </summary>
    public ChartImage Publish(ChartModel chart)
    {
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromHours(Math.Max(1, options.Value.LinkHours));
        var key = Key(chart);
        var token = links.LiveChart(key, now, lifetime / 2)?.Token
            ?? links.AddChart(key, System.Text.Json.JsonSerializer.Serialize(chart), now + lifetime);
        var baseUrl = ChatBot.Bot.Hosting.PublicBaseUrl.For(bot.Value.PublicBaseUrl, http?.HttpContext?.Request);
        return new ChartImage($"{baseUrl}/charts/{token}.png", chart.AltText);
    }

    public Lookup Find(string token)
    {
        var now = clock.GetUtcNow();
        if (_drawn.TryGetValue(token, out var drawn) && drawn.ExpiresUtc > now) return new Lookup(drawn.Png, null);
        var stored = links.Chart(token);
        if (stored is null)
            return new Lookup(null, "This chart link is unknown; ask the bot for the statistics again. 图表链接无效,请重新查询统计。");
        if (stored.ExpiresUtc <= now)
        {
            _drawn.TryRemove(token, out _);
            return new Lookup(null, "This chart link has expired; ask the bot for the statistics again. 图表链接已过期,请重新查询统计。");
        }
        var chart = System.Text.Json.JsonSerializer.Deserialize<ChartModel>(stored.Model)!;
        var png = renderer.RenderPng(chart);
        foreach (var (old, entry) in _drawn)
            if (entry.ExpiresUtc <= now) _drawn.TryRemove(old, out _);
        _drawn[token] = (png, stored.ExpiresUtc);
        return new Lookup(png, null);
    }

    /// <summary>What the chart shows, hashed: equal keys draw equal pictures.</summary>
    private static string Key(ChartModel chart) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { chart.Title, chart.Horizontal, chart.Percent,
            Bars = chart.Bars.Select(b => new[] { b.Label, b.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), b.Color }) }))));
}
