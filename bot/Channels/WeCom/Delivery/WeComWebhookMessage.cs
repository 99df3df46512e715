using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.WeCom.Cards;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>The body of a group robot webhook send.</summary>
internal sealed class WeComWebhookMessage
{
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }
    [JsonPropertyName("text")] public WeComTextContent? Text { get; init; }
    [JsonPropertyName("markdown")] public WeComMarkdownContent? Markdown { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }

    /// <param name="mentionedList">userids to @, or "@all".</param>
    public static WeComWebhookMessage ForText(string content, IEnumerable<string>? mentionedList = null,
        IEnumerable<string>? mentionedMobileList = null) => new()
    {
        MsgType = "text",
        Text = new WeComTextContent
        {
            Content = WeComText.TruncateUtf8(content, WeComText.TextMaxBytes),
            MentionedList = mentionedList?.ToList(),
            MentionedMobileList = mentionedMobileList?.ToList(),
        },
    };

    /// <summary>Markdown may @ people inline with &lt;@userid&gt;. Cut politely at 4096 bytes.</summary>
    public static WeComWebhookMessage ForMarkdown(string markdown) => new()
    {
        MsgType = "markdown",
        Markdown = new WeComMarkdownContent { Content = WeComText.TruncateUtf8(markdown, WeComText.WebhookMarkdownMaxBytes) },
    };

    /// <summary>The group robot takes text_notice and news_notice cards (interactive ones need a callback).</summary>
    public static WeComWebhookMessage ForTemplateCard(WeComTemplateCard card) => new()
    {
        MsgType = "template_card",
        TemplateCard = card ?? throw new ArgumentNullException(nameof(card)),
    };
}
