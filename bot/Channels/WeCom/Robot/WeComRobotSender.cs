using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotSender
{
    [JsonPropertyName("userid")] public string? UserId { get; init; }
    [JsonPropertyName("corpid")] public string? CorpId { get; init; }
}
