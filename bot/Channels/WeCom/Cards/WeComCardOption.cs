using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardOption
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("is_checked")] public bool? IsChecked { get; init; }
}
