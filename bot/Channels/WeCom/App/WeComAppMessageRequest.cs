using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>The body of message/send (应用消息) to users of the self-built app.</summary>
internal sealed class WeComAppMessageRequest
{
    /// <summary>userids joined with "|", or "@all".</summary>
    [JsonPropertyName("touser")] public required string ToUser { get; init; }
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }

    /// <summary>Filled from <see cref="WeComOptions.AgentId"/> by the client when left 0.</summary>
    [JsonPropertyName("agentid")] public int AgentId { get; set; }
    [JsonPropertyName("text")] public WeComTextContent? Text { get; init; }
    [JsonPropertyName("markdown")] public WeComMarkdownContent? Markdown { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }

    /// <summary>1 = WeCom drops an identical message sent within the interval: a retry cannot double-post.</summary>
    [JsonPropertyName("enable_duplicate_check")] public int? EnableDuplicateCheck { get; init; }
    [JsonPropertyName("duplicate_check_interval")] public int? DuplicateCheckInterval { get; init; }

    public static WeComAppMessageRequest ForText(string toUser, string content) => new()
    {
        ToUser = toUser,
        MsgType = "text",
        Text = new WeComTextContent { Content = WeComText.TruncateUtf8(content, WeComText.TextMaxBytes) },
    };

    public static WeComAppMessageRequest ForMarkdown(string toUser, string markdown) => new()
    {
        ToUser = toUser,
        MsgType = "markdown",
        Markdown = new WeComMarkdownContent { Content = WeComText.TruncateUtf8(markdown, WeComText.AppMarkdownMaxBytes) },
    };

    public static WeComAppMessageRequest ForTemplateCard(string toUser, WeComTemplateCard card) => new()
    {
        ToUser = toUser,
        MsgType = "template_card",
        TemplateCard = card ?? throw new ArgumentNullException(nameof(card)),
    };
}
