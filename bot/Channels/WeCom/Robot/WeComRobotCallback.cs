using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Channels.WeCom.Robot;

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
