using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>The body of <c>aibot_send_msg</c>: a push into a chat (group chatid, or a user's userid for a single chat).</summary>
internal sealed class WeComWsSendMsgBody
{
    [JsonPropertyName("chatid")] public required string ChatId { get; init; }
    [JsonPropertyName("msgtype")] public required string MsgType { get; init; }
    [JsonPropertyName("markdown")] public WeComMarkdownContent? Markdown { get; init; }
    [JsonPropertyName("template_card")] public WeComTemplateCard? TemplateCard { get; init; }

    /// <summary>One post: its markdown, or (when it has one) its template card.</summary>
    public static WeComWsSendMsgBody For(string chatId, WeComOutgoing part) => part.Card is { } card
        ? new() { ChatId = chatId, MsgType = "template_card", TemplateCard = card }
        : new()
        {
            ChatId = chatId, MsgType = "markdown",
            Markdown = new WeComMarkdownContent { Content = WeComText.TruncateUtf8(part.Markdown, WeComText.RobotStreamMaxBytes) },
        };

    /// <summary>"single:{userid}" (our conversation id of a single chat) is pushed to the userid; a group to its chatid.</summary>
    public static string ChatIdOf(string conversationId) =>
        conversationId.StartsWith("single:", StringComparison.Ordinal) ? conversationId["single:".Length..] : conversationId;
}
