using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotOptionIds
{
    [JsonPropertyName("option_id")] public List<string>? OptionId { get; init; }
}
