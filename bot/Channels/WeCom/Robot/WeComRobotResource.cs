using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>An image, file or video the user sent: a short-lived download URL (encrypted content, with aeskey).</summary>
internal sealed class WeComRobotResource
{
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("aeskey")] public string? AesKey { get; init; }
}
