using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardSource
{
    [JsonPropertyName("icon_url")] public string? IconUrl { get; init; }
    [JsonPropertyName("desc")] public string? Desc { get; init; }
    [JsonPropertyName("desc_color")] public int? DescColor { get; init; }
}
