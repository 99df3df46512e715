using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom;

internal sealed class WeComTextContent
{
    [JsonPropertyName("content")] public required string Content { get; init; }

    /// <summary>Group robot only: userids to @, or "@all".</summary>
    [JsonPropertyName("mentioned_list")] public List<string>? MentionedList { get; init; }

    [JsonPropertyName("mentioned_mobile_list")] public List<string>? MentionedMobileList { get; init; }
}

internal sealed class WeComMarkdownContent
{
    [JsonPropertyName("content")] public required string Content { get; init; }
}

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

/// <summary>
/// The body of message/update_template_card: either grey the clicked button out with a label, or replace the card.
/// </summary>
internal sealed class WeComTemplateCardUpdateRequest
{
    [JsonPropertyName("userids")] public List<string>? UserIds { get; init; }
    [JsonPropertyName("atall")] public int? AtAll { get; init; }

    /// <summary>Filled from <see cref="WeComOptions.AgentId"/> by the client when left 0.</summary>
    [JsonPropertyName("agentid")] public int AgentId { get; set; }

    /// <summary>From the click callback's ResponseCode (or message/send's response_code).</summary>
    [JsonPropertyName("response_code")] public required string ResponseCode { get; init; }
    [JsonPropertyName("button")] public WeComReplaceButton? Button { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }

    public static WeComTemplateCardUpdateRequest ReplaceButtonText(string responseCode, string replaceName, params IEnumerable<string> userIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseCode);
        ArgumentException.ThrowIfNullOrEmpty(replaceName);
        return new WeComTemplateCardUpdateRequest
        {
            ResponseCode = responseCode,
            Button = new WeComReplaceButton { ReplaceName = replaceName },
            UserIds = ListOrNull(userIds),
        };
    }

    public static WeComTemplateCardUpdateRequest ReplaceCard(string responseCode, WeComTemplateCard card, params IEnumerable<string> userIds)
    {
        ArgumentException.ThrowIfNullOrEmpty(responseCode);
        ArgumentNullException.ThrowIfNull(card);
        return new WeComTemplateCardUpdateRequest
        {
            ResponseCode = responseCode,
            TemplateCard = card,
            UserIds = ListOrNull(userIds),
        };
    }

    private static List<string>? ListOrNull(IEnumerable<string> values) => values.ToList() is { Count: > 0 } list ? list : null;
}

internal sealed class WeComReplaceButton
{
    [JsonPropertyName("replace_name")] public required string ReplaceName { get; init; }
}

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

/// <summary>The common answer of WeCom's server API.</summary>
internal sealed class WeComApiResponse
{
    [JsonPropertyName("errcode")] public int ErrCode { get; init; }
    [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; init; }
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("response_code")] public string? ResponseCode { get; init; }
    [JsonPropertyName("invaliduser")] public string? InvalidUser { get; init; }

    public WeComSendResult ToResult() => new(ErrCode, ErrMsg)
    {
        MsgId = MsgId,
        ResponseCode = ResponseCode,
        InvalidUser = string.IsNullOrEmpty(InvalidUser) ? null : InvalidUser,
    };
}
