using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotText
{
    [JsonPropertyName("content")] public string? Content { get; init; }
}
