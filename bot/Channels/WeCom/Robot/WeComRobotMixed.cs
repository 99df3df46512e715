using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotMixed
{
    [JsonPropertyName("msg_item")] public List<WeComRobotMixedItem>? MsgItem { get; init; }
}
