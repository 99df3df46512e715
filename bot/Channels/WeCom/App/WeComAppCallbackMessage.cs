using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml.Linq;
using ChatBot.Bot.Channels.WeCom.Crypto;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>
/// A decrypted self-built app callback (XML): a message (MsgType text, ...) or an event (MsgType event), including
/// template card clicks. Dedupe messages on MsgId and events on FromUserName + CreateTime, as WeCom retries.
/// </summary>
internal sealed record WeComAppCallbackMessage
{
    public string? ToUserName { get; init; }
    public string? FromUserName { get; init; }
    public long CreateTime { get; init; }
    public string? MsgType { get; init; }
    public string? Content { get; init; }
    public string? MsgId { get; init; }
    public string? AgentId { get; init; }
    public string? Event { get; init; }
    public string? EventKey { get; init; }
    public string? TaskId { get; init; }
    public string? CardType { get; init; }

    /// <summary>Lets update_template_card change the clicked card (valid for 72 hours).</summary>
    public string? ResponseCode { get; init; }

    public IReadOnlyList<WeComSelectedItem> SelectedItems { get; init; } = [];

    public bool IsEvent => MsgType == "event";

    /// <summary>A key that identifies a retried delivery of the same callback.</summary>
    public string DedupeKey => MsgId ?? $"{FromUserName}:{CreateTime}:{Event}:{TaskId}:{EventKey}";

    public static bool TryParse(string? xml, [NotNullWhen(true)] out WeComAppCallbackMessage? message)
    {
        message = null;
        if (!WeComXml.TryParse(xml, out var root))
        {
            return false;
        }

        long.TryParse(WeComXml.ChildValue(root, "CreateTime"), NumberStyles.None, CultureInfo.InvariantCulture, out var createTime);
        message = new WeComAppCallbackMessage
        {
            ToUserName = WeComXml.ChildValue(root, "ToUserName"),
            FromUserName = WeComXml.ChildValue(root, "FromUserName"),
            CreateTime = createTime,
            MsgType = WeComXml.ChildValue(root, "MsgType"),
            Content = root.Element("Content")?.Value, // untrimmed: what the user typed
            MsgId = WeComXml.ChildValue(root, "MsgId"),
            AgentId = WeComXml.ChildValue(root, "AgentID"),
            Event = WeComXml.ChildValue(root, "Event"),
            EventKey = WeComXml.ChildValue(root, "EventKey"),
            TaskId = WeComXml.ChildValue(root, "TaskId"),
            CardType = WeComXml.ChildValue(root, "CardType"),
            ResponseCode = WeComXml.ChildValue(root, "ResponseCode"),
            SelectedItems = ReadSelectedItems(root.Element("SelectedItems")),
        };
        return true;
    }

    private static List<WeComSelectedItem> ReadSelectedItems(XElement? selectedItems) =>
        selectedItems?.Elements("SelectedItem")
            .Select(item => new WeComSelectedItem(
                WeComXml.ChildValue(item, "QuestionKey") ?? string.Empty,
                item.Element("OptionIds")?.Elements("OptionId").Select(o => o.Value.Trim()).ToList() ?? []))
            .ToList() ?? [];
}
