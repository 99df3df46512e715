using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotSelectedItem
{
    [JsonPropertyName("question_key")] public string? QuestionKey { get; init; }
    [JsonPropertyName("option_ids")] public WeComRobotOptionIds? OptionIds { get; init; }
}
