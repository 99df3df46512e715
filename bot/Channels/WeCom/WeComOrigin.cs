using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Robot;
using ChatBot.Bot.Conversation;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>
/// Where a WeCom turn comes from and where its replies go: the smart robot (group or single chat, JSON callbacks)
/// or the self-built app (single chat, XML callbacks). Stored with web forms, so a submission is answered the same way.
/// </summary>
internal sealed class WeComOrigin
{
    public const string ChannelId = "wecom";
    public const string RobotKind = "robot";
    public const string AppKind = "app";
    public const string GroupType = "group";
    public const string PersonalType = "personal";

    public string Kind { get; set; } = RobotKind;
    /// <summary>chatid for groups, "single:{userid}" for single chats.</summary>
    public string ConversationId { get; set; } = "";
    public bool IsGroup { get; set; }
    /// <summary>The aibotid for the smart robot, the corp id for the app.</summary>
    public string TenantId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string BotId { get; set; } = "";
    public string BotName { get; set; } = "";
    /// <summary>The smart robot's response_url of the callback (usable for a while, for late answers).</summary>
    public string? ResponseUrl { get; set; }
    /// <summary>Public base URL of the bot for links (web forms).</summary>
    public string BaseUrl { get; set; } = "";
    public string Locale { get; set; } = "zh-CN";

    public string ServiceUrl => "wecom:" + Kind;

    public static WeComOrigin ForRobot(WeComRobotCallback callback, string botName, string baseUrl)
    {
        var userId = callback.From?.UserId ?? "";
        var isGroup = callback.IsGroupChat && !string.IsNullOrEmpty(callback.ChatId);
        return new WeComOrigin
        {
            Kind = RobotKind,
            ConversationId = isGroup ? callback.ChatId! : "single:" + userId,
            IsGroup = isGroup,
            TenantId = callback.AiBotId ?? "",
            UserId = userId,
            BotId = callback.AiBotId ?? "",
            BotName = botName,
            ResponseUrl = callback.ResponseUrl,
            BaseUrl = baseUrl,
        };
    }

    public static WeComOrigin ForApp(WeComAppCallbackMessage message, string corpId, string botName, string baseUrl) => new()
    {
        Kind = AppKind,
        ConversationId = "single:" + message.FromUserName,
        IsGroup = false,
        TenantId = corpId,
        UserId = message.FromUserName ?? "",
        BotId = "app:" + (message.AgentId ?? ""),
        BotName = botName,
        BaseUrl = baseUrl,
    };

    /// <summary>An activity of this conversation from this user: a message, or (with a value) a card submission.</summary>
    public Activity NewActivity(string id, DateTimeOffset now, string? text, JsonElement? value = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Timestamp = now,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        From = new ChannelAccount { Id = UserId, Name = UserId },
        Recipient = new ChannelAccount { Id = BotId, Name = BotName },
        Conversation = new ConversationAccount
        {
            Id = ConversationId,
            ConversationType = IsGroup ? GroupType : PersonalType,
            IsGroup = IsGroup ? true : null,
            TenantId = TenantId,
        },
        Text = text,
        TextFormat = "plain",
        Locale = Locale,
        Value = value,
    };

    /// <summary>What the WeCom channel can show: cards are downgraded, forms become web-page links.</summary>
    public static readonly ChannelCapabilities Capabilities = new(AdaptiveCards: false, UpdateActivity: false, Mentions: true, Markdown: true, FormCards: true);
}
