using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;

namespace ChatBot.Bot.Channels.WeCom.Robot;

/// <summary>A later answer POSTed to the callback's response_url (markdown or template card).</summary>
internal sealed class WeComRobotResponseUrlMessage
{
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }
    [JsonPropertyName("markdown")] public WeComMarkdownContent? Markdown { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }

    public static WeComRobotResponseUrlMessage ForMarkdown(string markdown) => new()
    {
        MsgType = "markdown",
        Markdown = new WeComMarkdownContent { Content = WeComText.TruncateUtf8(markdown, WeComText.RobotStreamMaxBytes) },
    };

    public static WeComRobotResponseUrlMessage ForCard(WeComTemplateCard card) => new()
    {
        MsgType = "template_card",
        TemplateCard = card ?? throw new ArgumentNullException(nameof(card)),
    };

    public string ToJson() => WeComJson.Serialize(this);
}
