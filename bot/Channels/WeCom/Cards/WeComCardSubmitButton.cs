using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardSubmitButton
{
    [JsonPropertyName("text")] public required string Text { get; init; }
    [JsonPropertyName("key")] public required string Key { get; init; }
}
