using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Conversation;

internal sealed class BotOptions
{
    public const string Section = "Bot";
    /// <summary>The LiteDB file (or a LiteDB connection string).</summary>
    public string DatabasePath { get; set; } = "data/chatbot.db";
    /// <summary>Workspace that the built-in Web Chat page and other local channels act on.</summary>
    public string LocalWorkspace { get; set; } = "office";
    public string DefaultTimeZone { get; set; } = "Asia/Shanghai";
    public string DefaultLocale { get; set; } = "zh-CN";
    /// <summary>The public base URL of the bot (web forms for WeCom, Excel downloads); defaults to the request's.</summary>
    public string? PublicBaseUrl { get; set; }
    public string BotName { get; set; } = "依法行政助手";
}

/// <summary>
/// Decides which workspace a turn acts on and keeps workspaces, members and conversation references current.
/// A group chat is its own workspace; a personal chat acts on the group the user was last seen in.
/// </summary>
internal sealed class WorkspaceResolver(WorkspaceStore workspaces, ConversationReferenceStore references, IOptions<BotOptions> options)
{
    private static readonly HashSet<string> LocalChannels = new(StringComparer.OrdinalIgnoreCase) { "webchat", "directline", "emulator", "test" };

    public static bool IsLocalChannel(string? channelId) => channelId is not null && LocalChannels.Contains(channelId);

    /// <summary>"{channel}:{tenant}:{conversation}", with a Teams channel's reply-thread suffix removed.</summary>
    public static string ConversationWorkspaceId(Activity a)
    {
        var conversation = a.Conversation?.Id ?? "";
        var thread = conversation.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        if (thread > 0) conversation = conversation[..thread];
        return ChatBot.Storage.StorageKeys.Compact($"{a.ChannelId}:{a.Conversation?.TenantId ?? TenantFromChannelData(a) ?? "-"}:{conversation}");
    }

    public Workspace Resolve(TurnContext ctx)
    {
        var a = ctx.Activity;
        var now = ctx.Now;
        var o = options.Value;
        Workspace workspace;
        if (IsLocalChannel(a.ChannelId))
        {
            workspace = workspaces.Touch(new Workspace
            {
                Id = "local:" + o.LocalWorkspace, ChannelId = a.ChannelId ?? "webchat", ConversationId = a.Conversation?.Id ?? "",
                Name = o.LocalWorkspace, IsGroup = false, TimeZone = o.DefaultTimeZone, Locale = o.DefaultLocale,
            }, now);
        }
        else if (ctx.IsGroup)
        {
            workspace = workspaces.Touch(new Workspace
            {
                Id = ConversationWorkspaceId(a), ChannelId = a.ChannelId ?? "", TenantId = a.Conversation?.TenantId ?? TenantFromChannelData(a),
                ConversationId = a.Conversation?.Id ?? "", Name = a.Conversation?.Name, IsGroup = true,
                TimeZone = o.DefaultTimeZone, Locale = o.DefaultLocale,
            }, now);
        }
        else
        {
            // Personal chat: act on the user's most recent group; with no group yet, the chat is its own workspace.
            var latest = workspaces.WorkspacesOf(ctx.UserKey).Select(m => workspaces.Get(m.WorkspaceId)).FirstOrDefault(w => w is { Removed: false });
            workspace = latest ?? workspaces.Touch(new Workspace
            {
                Id = ConversationWorkspaceId(a), ChannelId = a.ChannelId ?? "", TenantId = a.Conversation?.TenantId,
                ConversationId = a.Conversation?.Id ?? "", Name = ctx.UserName, IsGroup = false,
                TimeZone = o.DefaultTimeZone, Locale = o.DefaultLocale,
            }, now);
        }
        if (a.From?.Id is not null && a.From.Id != a.Recipient?.Id && (ctx.IsGroup || IsLocalChannel(a.ChannelId) || workspace.Id == ConversationWorkspaceId(a)))
            workspaces.TouchMember(workspace.Id, ctx.UserKey, a.From.Name, a.From.AadObjectId, now);
        if (!string.IsNullOrEmpty(a.ServiceUrl) || IsLocalChannel(a.ChannelId))
            references.Upsert(ReferenceOf(a, ctx.IsGroup || IsLocalChannel(a.ChannelId) ? workspace.Id : "personal:" + ctx.UserKey, now));
        return workspace;
    }

    public static StoredConversationReference ReferenceOf(Activity a, string id, DateTimeOffset now) => new()
    {
        Id = id,
        ChannelId = a.ChannelId ?? "",
        ServiceUrl = a.ServiceUrl ?? "",
        ConversationId = StripThread(a.Conversation?.Id ?? ""),
        ConversationType = a.Conversation?.ConversationType,
        IsGroup = a.Conversation?.IsGroup == true || a.Conversation?.ConversationType is "groupChat" or "channel",
        TenantId = a.Conversation?.TenantId ?? TenantFromChannelData(a),
        BotId = a.Recipient?.Id,
        BotName = a.Recipient?.Name,
        Locale = a.Locale,
        UpdatedUtc = now,
    };

    private static string StripThread(string conversationId)
    {
        var i = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return i > 0 ? conversationId[..i] : conversationId;
    }

    private static string? TenantFromChannelData(Activity a) =>
        a.ChannelData is { ValueKind: System.Text.Json.JsonValueKind.Object } cd && cd.TryGetProperty("tenant", out var t)
            && t.ValueKind == System.Text.Json.JsonValueKind.Object && t.TryGetProperty("id", out var id)
            && id.ValueKind == System.Text.Json.JsonValueKind.String ? id.GetString() : null; // any other type is not a tenant id
}
