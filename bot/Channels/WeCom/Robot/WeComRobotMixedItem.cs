using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotMixedItem
{
    [JsonPropertyName("msgtype")] public string? MsgType { get; init; }
    [JsonPropertyName("text")] public WeComRobotText? Text { get; init; }
    [JsonPropertyName("image")] public WeComRobotResource? Image { get; init; }
}
