using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>The message the user quoted.</summary>
internal sealed class WeComRobotQuote
{
    [JsonPropertyName("msgtype")] public string? MsgType { get; init; }
    [JsonPropertyName("text")] public WeComRobotText? Text { get; init; }
    [JsonPropertyName("image")] public WeComRobotResource? Image { get; init; }
    [JsonPropertyName("mixed")] public WeComRobotMixed? Mixed { get; init; }
    [JsonPropertyName("voice")] public WeComRobotText? Voice { get; init; }
    [JsonPropertyName("file")] public WeComRobotResource? File { get; init; }
    [JsonPropertyName("video")] public WeComRobotResource? Video { get; init; }
}
