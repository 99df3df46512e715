using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotEvent
{
    /// <summary><see cref="WeComRobotEventTypes"/>.</summary>
    [JsonPropertyName("eventtype")] public string? EventType { get; init; }
    [JsonPropertyName("template_card_event")] public WeComRobotCardEvent? TemplateCardEvent { get; init; }
    [JsonPropertyName("feedback_event")] public WeComRobotFeedbackEvent? FeedbackEvent { get; init; }
}
