using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

internal sealed class WeComRobotEvent
{
    /// <summary><see cref="WeComRobotEventTypes"/>.</summary>
    [JsonPropertyName("eventtype")] public string? EventType { get; init; }
    [JsonPropertyName("template_card_event")] public WeComRobotCardEvent? TemplateCardEvent { get; init; }
    [JsonPropertyName("feedback_event")] public WeComRobotFeedbackEvent? FeedbackEvent { get; init; }
}
