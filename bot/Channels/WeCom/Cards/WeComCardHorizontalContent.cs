using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardHorizontalContent
{
    [JsonPropertyName("keyname")] public required string KeyName { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }

    /// <summary>1 = the value is a link to <see cref="Url"/>.</summary>
    [JsonPropertyName("type")] public int? Type { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
}
