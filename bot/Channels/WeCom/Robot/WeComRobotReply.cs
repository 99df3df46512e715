using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.WeCom.Cards;

namespace ChatBot.Bot.Channels.WeCom.Robot;

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
