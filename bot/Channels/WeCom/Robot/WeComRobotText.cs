using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotText
{
    [JsonPropertyName("content")] public string? Content { get; init; }
}
