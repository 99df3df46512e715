using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotOptionIds
{
    [JsonPropertyName("option_id")] public List<string>? OptionId { get; init; }
}
