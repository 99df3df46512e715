using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

internal sealed class WeComTextContent
{
    [JsonPropertyName("content")] public required string Content { get; init; }

    /// <summary>Group robot only: userids to @, or "@all".</summary>
    [JsonPropertyName("mentioned_list")] public List<string>? MentionedList { get; init; }

    [JsonPropertyName("mentioned_mobile_list")] public List<string>? MentionedMobileList { get; init; }
}
