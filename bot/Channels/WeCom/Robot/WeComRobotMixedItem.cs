using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotMixedItem
{
    [JsonPropertyName("msgtype")] public string? MsgType { get; init; }
    [JsonPropertyName("text")] public WeComRobotText? Text { get; init; }
    [JsonPropertyName("image")] public WeComRobotResource? Image { get; init; }
}
