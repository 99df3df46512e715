using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardJump
{
    [JsonPropertyName("type")] public int Type { get; init; } = WeComCardAction.OpenUrl;
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("title")] public required string Title { get; init; }
}
