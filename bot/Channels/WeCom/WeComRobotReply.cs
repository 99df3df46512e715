using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>
/// The plaintext of a smart robot passive reply (encrypt it with <see cref="WeComCrypto.EncryptReply"/>):
/// a welcome text (enter_chat only), a markdown stream, a template card, or both.
/// </summary>
internal sealed class WeComRobotReply
{
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }
    [JsonPropertyName("text")] public WeComRobotText? Text { get; init; }
    [JsonPropertyName("stream")] public WeComRobotStreamReply? Stream { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }

    /// <summary>Only allowed as the answer to an enter_chat event.</summary>
    public static WeComRobotReply ForWelcomeText(string content) => new()
    {
        MsgType = "text",
        Text = new WeComRobotText { Content = content },
    };

    /// <summary>
    /// Markdown answer. With <paramref name="finish"/> false WeCom keeps polling with stream refreshes (msgtype stream,
    /// same id) for up to six minutes; each answer carries the whole text so far.
    /// </summary>
    public static WeComRobotReply ForStream(string streamId, string markdown, bool finish = true, string? feedbackId = null) => new()
    {
        MsgType = "stream",
        Stream = WeComRobotStreamReply.Create(streamId, markdown, finish, feedbackId),
    };

    public static WeComRobotReply ForCard(WeComTemplateCard card) => new()
    {
        MsgType = "template_card",
        TemplateCard = card ?? throw new ArgumentNullException(nameof(card)),
    };

    public static WeComRobotReply ForStreamWithCard(string streamId, string markdown, bool finish, WeComTemplateCard card) => new()
    {
        MsgType = "stream_with_template_card",
        Stream = WeComRobotStreamReply.Create(streamId, markdown, finish, feedbackId: null),
        TemplateCard = card ?? throw new ArgumentNullException(nameof(card)),
    };

    public string ToJson() => WeComJson.Serialize(this);
}

internal sealed class WeComRobotStreamReply
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("finish")] public bool Finish { get; init; }

    /// <summary>Markdown, at most 20480 UTF-8 bytes (cut politely beyond).</summary>
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("feedback")] public WeComRobotFeedback? Feedback { get; init; }

    internal static WeComRobotStreamReply Create(string streamId, string markdown, bool finish, string? feedbackId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(markdown);
        return new WeComRobotStreamReply
        {
            Id = streamId,
            Finish = finish,
            Content = WeComText.TruncateUtf8(markdown, WeComText.RobotStreamMaxBytes),
            Feedback = feedbackId is null ? null : new WeComRobotFeedback { Id = feedbackId },
        };
    }
}

internal sealed class WeComRobotFeedback
{
    [JsonPropertyName("id")] public required string Id { get; init; }
}

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
