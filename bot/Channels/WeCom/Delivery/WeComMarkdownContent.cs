using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

internal sealed class WeComMarkdownContent
{
    [JsonPropertyName("content")] public required string Content { get; init; }
}
