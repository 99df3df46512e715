using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>Stream refresh: the id our first stream reply set.</summary>
internal sealed class WeComRobotStreamRef
{
    [JsonPropertyName("id")] public string? Id { get; init; }
}
