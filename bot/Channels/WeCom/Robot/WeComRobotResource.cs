using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>An image, file or video the user sent: a short-lived download URL (encrypted content, with aeskey).</summary>
internal sealed class WeComRobotResource
{
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("aeskey")] public string? AesKey { get; init; }
}
