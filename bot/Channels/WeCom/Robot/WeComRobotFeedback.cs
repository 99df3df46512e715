using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotFeedback
{
    [JsonPropertyName("id")] public required string Id { get; init; }
}
