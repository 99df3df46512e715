using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Tests.Infrastructure;

/// <summary>Builders for real-shaped inbound activities.</summary>
public static class Activities
{
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string BotId = "28:bot-app-id";
    public const string TenantId = "tenant-1";
    private static int _next;

    public static Activity Message(string text, string user = "user-1", string conversation = "conv-1", string channel = "msteams",
        string conversationType = "personal", string locale = "zh-CN", string? userName = null)
    {
        var isGroup = conversationType != "personal";
        return new Activity
        {
            Type = ActivityTypes.Message,
            Id = $"act-{Interlocked.Increment(ref _next)}",
            Timestamp = DateTimeOffset.UtcNow,
            ServiceUrl = ServiceUrl,
            ChannelId = channel,
            From = new ChannelAccount { Id = user, Name = userName ?? NameOf(user), AadObjectId = "aad-" + user },
            Recipient = new ChannelAccount { Id = BotId, Name = "依法行政助手" },
            Conversation = new ConversationAccount { Id = conversation, ConversationType = conversationType, IsGroup = isGroup ? true : null, TenantId = TenantId },
            Text = text,
            TextFormat = "plain",
            Locale = locale,
        };
    }

    /// <summary>A Teams group-chat message that @mentions the bot.</summary>
    public static Activity GroupMention(string command, string user = "user-1", string conversation = "19:group-1@thread.v2", string locale = "zh-CN")
    {
        var a = Message($"<at>依法行政助手</at> {command}", user, conversation, "msteams", "groupChat", locale);
        a.Entities = [new Entity { Type = "mention", Mentioned = new ChannelAccount { Id = BotId, Name = "依法行政助手" }, Text = "<at>依法行政助手</at>" }];
        return a;
    }

    /// <summary>An Action.Submit click: a message with value and no text.</summary>
    public static Activity Submit(object value, string user = "user-1", string conversation = "conv-1", string conversationType = "personal", string? replyToId = null, string locale = "zh-CN")
    {
        var a = Message("", user, conversation, "msteams", conversationType, locale);
        a.Text = null;
        a.Value = JsonSerializer.SerializeToElement(value);
        a.ReplyToId = replyToId;
        return a;
    }

    public static string NameOf(string user) => user switch
    {
        "user-1" => "王小明",
        "user-2" => "李娜",
        _ => user,
    };
}

public static class ActivityAssertions
{
    /// <summary>All text of a reply: its text plus every string inside its card attachments.</summary>
    public static string AllText(this Activity a)
    {
        var sb = new System.Text.StringBuilder(a.Text ?? "");
        foreach (var att in a.Attachments ?? [])
            if (att.Content is JsonElement el) Collect(el, sb);
            else if (att.Content is not null) Collect(JsonSerializer.SerializeToElement(att.Content), sb);
        return sb.ToString();

        static void Collect(JsonElement e, System.Text.StringBuilder sb)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: sb.Append(' ').Append(e.GetString()); break;
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) Collect(p.Value, sb); break;
                case JsonValueKind.Array: foreach (var i in e.EnumerateArray()) Collect(i, sb); break;
            }
        }
    }

    public static string AllText(this IEnumerable<Activity> replies) => string.Join("\n", replies.Select(r => r.AllText()));

    public static JsonElement? Card(this Activity a) =>
        a.Attachments?.FirstOrDefault(x => x.ContentType == Attachment.AdaptiveCardContentType)?.Content is { } c
            ? (c is JsonElement el ? el : JsonSerializer.SerializeToElement(c)) : null;
}
