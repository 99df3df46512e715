using LiteDB;

namespace ChatBot.Storage.Downloads;

/// <summary>A chart a stats card links to: what it shows (drawn on request), kept until it expires.</summary>
public sealed class StoredChart
{
    [BsonId] public string Token { get; set; } = "";
    /// <summary>What the chart shows, as text: the same chart asked for again reuses the link.</summary>
    public string Key { get; set; } = "";
    /// <summary>The chart, as JSON (the bot's chart model).</summary>
    public string Model { get; set; } = "";
    public DateTimeOffset ExpiresUtc { get; set; }
}
