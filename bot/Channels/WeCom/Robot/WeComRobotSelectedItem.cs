using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotSelectedItem
{
    [JsonPropertyName("question_key")] public string? QuestionKey { get; init; }
    [JsonPropertyName("option_ids")] public WeComRobotOptionIds? OptionIds { get; init; }
}
