using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardTitle
{
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("desc")] public string? Desc { get; init; }
}
