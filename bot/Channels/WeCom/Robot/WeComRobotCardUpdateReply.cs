using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.WeCom.Cards;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>The passive answer to a template_card_event: replaces the clicked card for the listed users.</summary>
internal sealed class WeComRobotCardUpdateReply
{
    [JsonPropertyName("response_type")] public string ResponseType { get; init; } = "update_template_card";
    [JsonPropertyName("userids")] public List<string>? UserIds { get; init; }
    [JsonPropertyName("template_card")] public required WeComTemplateCard TemplateCard { get; init; }

    public static WeComRobotCardUpdateReply For(WeComTemplateCard card, params IEnumerable<string> userIds) => new()
    {
        TemplateCard = card ?? throw new ArgumentNullException(nameof(card)),
        UserIds = userIds.ToList() is { Count: > 0 } ids ? ids : null,
    };

    public string ToJson() => WeComJson.Serialize(this);
}
