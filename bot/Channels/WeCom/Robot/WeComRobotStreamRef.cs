using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>Stream refresh: the id our first stream reply set.</summary>
internal sealed class WeComRobotStreamRef
{
    [JsonPropertyName("id")] public string? Id { get; init; }
}
