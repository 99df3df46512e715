using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom;

internal static class WeComRobotMsgTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Mixed = "mixed";
    public const string Voice = "voice";
    public const string File = "file";
    public const string Video = "video";

    /// <summary>WeCom asking for the next chunk of an unfinished stream reply.</summary>
    public const string Stream = "stream";

    public const string Event = "event";
}

internal static class WeComRobotEventTypes
{
    /// <summary>A user opens the single chat with the robot for the first time that day.</summary>
    public const string EnterChat = "enter_chat";

    public const string TemplateCardEvent = "template_card_event";
    public const string FeedbackEvent = "feedback_event";
}

internal static class WeComChatTypes
{
    public const string Single = "single";
    public const string Group = "group";
}

/// <summary>
/// A decrypted smart robot (智能机器人) callback: a message, a stream refresh, or an event. Unknown fields are ignored,
/// so new WeCom message types parse with only the common fields filled.
/// </summary>
internal sealed partial class WeComRobotCallback
{
    /// <summary>Unique per callback; WeCom may deliver the same one twice, so dedupe on it.</summary>
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("create_time")] public long? CreateTime { get; init; }
    [JsonPropertyName("aibotid")] public string? AiBotId { get; init; }

    /// <summary>Only for group chats.</summary>
    [JsonPropertyName("chatid")] public string? ChatId { get; init; }

    /// <summary><see cref="WeComChatTypes"/>.</summary>
    [JsonPropertyName("chattype")] public string? ChatType { get; init; }
    [JsonPropertyName("from")] public WeComRobotSender? From { get; init; }

    /// <summary>A temporary URL to answer later, after the passive reply window.</summary>
    [JsonPropertyName("response_url")] public string? ResponseUrl { get; init; }

    /// <summary><see cref="WeComRobotMsgTypes"/>.</summary>
    [JsonPropertyName("msgtype")] public string? MsgType { get; init; }
    [JsonPropertyName("text")] public WeComRobotText? Text { get; init; }
    [JsonPropertyName("image")] public WeComRobotResource? Image { get; init; }
    [JsonPropertyName("mixed")] public WeComRobotMixed? Mixed { get; init; }
    [JsonPropertyName("voice")] public WeComRobotText? Voice { get; init; }
    [JsonPropertyName("file")] public WeComRobotResource? File { get; init; }
    [JsonPropertyName("video")] public WeComRobotResource? Video { get; init; }
    [JsonPropertyName("quote")] public WeComRobotQuote? Quote { get; init; }
    [JsonPropertyName("stream")] public WeComRobotStreamRef? Stream { get; init; }
    [JsonPropertyName("event")] public WeComRobotEvent? Event { get; init; }

    [JsonIgnore] public bool IsGroupChat => ChatType == WeComChatTypes.Group;

    /// <summary>
    /// What the user wrote, from text, voice (transcribed) or the text parts of a mixed message, without the leading
    /// "@Robot" mention WeCom keeps in group messages. Null when the message has no text.
    /// </summary>
    public string? UserText()
    {
        var raw = MsgType switch
        {
            WeComRobotMsgTypes.Text => Text?.Content,
            WeComRobotMsgTypes.Voice => Voice?.Content,
            WeComRobotMsgTypes.Mixed => JoinTextItems(Mixed),
            _ => null,
        };
        return raw is null ? null : StripLeadingMention(raw);
    }

    /// <summary>Removes one leading "@Name" and the space after it (WeCom puts U+2005 or a space there).</summary>
    public static string StripLeadingMention(string text) => LeadingMention().Replace(text, string.Empty, 1).Trim();

    public static bool TryParse(string? json, [NotNullWhen(true)] out WeComRobotCallback? callback)
    {
        callback = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            callback = JsonSerializer.Deserialize<WeComRobotCallback>(json, WeComJson.Options);
            return callback is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? JoinTextItems(WeComRobotMixed? mixed)
    {
        if (mixed?.MsgItem is not { Count: > 0 } items)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var item in items)
        {
            if (item.MsgType == WeComRobotMsgTypes.Text && item.Text?.Content is { } content)
            {
                text.Append(text.Length == 0 ? content : "\n" + content);
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }

    [GeneratedRegex(@"^\s*@\S+\s*")]
    private static partial Regex LeadingMention();
}

internal sealed class WeComRobotSender
{
    [JsonPropertyName("userid")] public string? UserId { get; init; }
    [JsonPropertyName("corpid")] public string? CorpId { get; init; }
}

internal sealed class WeComRobotText
{
    [JsonPropertyName("content")] public string? Content { get; init; }
}

/// <summary>An image, file or video the user sent: a short-lived download URL (encrypted content, with aeskey).</summary>
internal sealed class WeComRobotResource
{
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("aeskey")] public string? AesKey { get; init; }
}

internal sealed class WeComRobotMixed
{
    [JsonPropertyName("msg_item")] public List<WeComRobotMixedItem>? MsgItem { get; init; }
}

internal sealed class WeComRobotMixedItem
{
    [JsonPropertyName("msgtype")] public string? MsgType { get; init; }
    [JsonPropertyName("text")] public WeComRobotText? Text { get; init; }
    [JsonPropertyName("image")] public WeComRobotResource? Image { get; init; }
}

/// <summary>The message the user quoted.</summary>
internal sealed class WeComRobotQuote
{
    [JsonPropertyName("msgtype")] public string? MsgType { get; init; }
    [JsonPropertyName("text")] public WeComRobotText? Text { get; init; }
    [JsonPropertyName("image")] public WeComRobotResource? Image { get; init; }
    [JsonPropertyName("mixed")] public WeComRobotMixed? Mixed { get; init; }
    [JsonPropertyName("voice")] public WeComRobotText? Voice { get; init; }
    [JsonPropertyName("file")] public WeComRobotResource? File { get; init; }
    [JsonPropertyName("video")] public WeComRobotResource? Video { get; init; }
}

/// <summary>Stream refresh: the id our first stream reply set.</summary>
internal sealed class WeComRobotStreamRef
{
    [JsonPropertyName("id")] public string? Id { get; init; }
}

internal sealed class WeComRobotEvent
{
    /// <summary><see cref="WeComRobotEventTypes"/>.</summary>
    [JsonPropertyName("eventtype")] public string? EventType { get; init; }
    [JsonPropertyName("template_card_event")] public WeComRobotCardEvent? TemplateCardEvent { get; init; }
    [JsonPropertyName("feedback_event")] public WeComRobotFeedbackEvent? FeedbackEvent { get; init; }
}

/// <summary>A click on a template card: which card (task_id), which button or menu item (event_key), what was selected.</summary>
internal sealed class WeComRobotCardEvent
{
    [JsonPropertyName("card_type")] public string? CardType { get; init; }
    [JsonPropertyName("event_key")] public string? EventKey { get; init; }
    [JsonPropertyName("task_id")] public string? TaskId { get; init; }
    [JsonPropertyName("selected_items")] public WeComRobotSelectedItems? SelectedItems { get; init; }
}

internal sealed class WeComRobotSelectedItems
{
    [JsonPropertyName("selected_item")] public List<WeComRobotSelectedItem>? SelectedItem { get; init; }
}

internal sealed class WeComRobotSelectedItem
{
    [JsonPropertyName("question_key")] public string? QuestionKey { get; init; }
    [JsonPropertyName("option_ids")] public WeComRobotOptionIds? OptionIds { get; init; }
}

internal sealed class WeComRobotOptionIds
{
    [JsonPropertyName("option_id")] public List<string>? OptionId { get; init; }
}

/// <summary>A user's thumbs up/down on a reply that carried a feedback id.</summary>
internal sealed class WeComRobotFeedbackEvent
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("type")] public int? Type { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("inaccurate_reason_list")] public List<int>? InaccurateReasonList { get; init; }
}
