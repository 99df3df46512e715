using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>A user's thumbs up/down on a reply that carried a feedback id.</summary>
internal sealed class WeComRobotFeedbackEvent
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("type")] public int? Type { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("inaccurate_reason_list")] public List<int>? InaccurateReasonList { get; init; }
}
