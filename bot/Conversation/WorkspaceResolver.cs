using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Conversation;

/// <summary>
/// Decides which workspace a turn acts on and keeps workspaces, members and conversation references current.
/// A group chat is its own workspace; a personal chat acts on the group the user was last seen in, or else on its own
/// personal workspace. The local workspace (the office's built-in Web Chat) is reached only through the bot's own
/// Direct Line service (<see cref="ChannelAdapter.ServesLocalWorkspace"/>), never by a channel id: an activity on
/// /api/messages is a Bot Framework conversation whatever its channelId says ("webchat" is also Azure's Web Chat).
/// Group and personal workspaces live in separate id spaces, so a personal chat that reuses a group's conversation id
/// gets its own workspace and never becomes a member of the group.
/// </summary>
internal sealed class WorkspaceResolver(WorkspaceStore workspaces, ConversationReferenceStore references, IOptions<BotOptions> options,
    ILogger<WorkspaceResolver> log)
{
    /// <summary>Starts every personal workspace id; a group workspace id cannot (its channel part has no '|').</summary>
    public const string PersonalPrefix = "personal|";

    /// <summary>"{channel}:{tenant}:{conversation}", with a Teams channel's reply-thread suffix removed: a group's workspace.</summary>
    public static string ConversationWorkspaceId(Activity a) => ChatBot.Storage.StorageKeys.Compact(ConversationKey(a));

    /// <summary>"personal|{channel}:{tenant}:{conversation}": the workspace of a personal chat with no group yet.</summary>
    public static string PersonalWorkspaceId(Activity a) => ChatBot.Storage.StorageKeys.Compact(PersonalPrefix + ConversationKey(a));

    /// <summary>The workspace that belongs to the conversation itself: the group's, or the personal chat's own.</summary>
    public static string OwnWorkspaceId(Activity a, bool isGroup) => isGroup ? ConversationWorkspaceId(a) : PersonalWorkspaceId(a);

    private static string ConversationKey(Activity a)
    {
        var conversation = StripThread(a.Conversation?.Id ?? "");
        // Real channel ids have no '|'; without one a group id can never start with PersonalPrefix.
        var channel = (a.ChannelId ?? "").Replace('|', '_');
        return $"{channel}:{a.Conversation?.TenantId ?? TenantFromChannelData(a) ?? "-"}:{conversation}";
    }

    public Workspace Resolve(TurnContext ctx)
    {
        var a = ctx.Activity;
        var now = ctx.Now;
        var o = options.Value;
        var local = ctx.Adapter.ServesLocalWorkspace;
        Workspace workspace;
        if (local)
        {
            workspace = workspaces.Touch(new Workspace
            {
                Id = "local:" + o.LocalWorkspace, ChannelId = a.ChannelId ?? "webchat", ConversationId = a.Conversation?.Id ?? "",
                Name = o.LocalWorkspace, IsGroup = false, TimeZone = o.DefaultTimeZone, Locale = o.DefaultLocale,
            }, now);
        }
        else if (ctx.IsGroup)
        {
            workspace = TouchGroup(a, now, o);
        }
        else
        {
            // Personal chat: act on the user's most recent group; with no group yet, the chat is its own workspace.
            workspace = LatestGroupOf(ctx.UserKey) ?? TouchPersonal(ctx, now, o);
        }
        // Membership comes from the conversation itself: a group's from its own activities, a personal workspace's
        // from its own chat; a personal chat acting on a group changes nobody's membership.
        if (a.From?.Id is not null && a.From.Id != a.Recipient?.Id && (ctx.IsGroup || local || !workspace.IsGroup))
            workspaces.TouchMember(workspace.Id, ctx.UserKey, TurnContext.ChannelName(a.From), a.From.AadObjectId, now);
        if (ctx.UserName.Length == 0 && workspaces.MemberName(workspace.Id, ctx.UserKey) is { } told) ctx.UserName = told;
        if (!string.IsNullOrEmpty(a.ServiceUrl) || local)
            references.Upsert(ReferenceOf(a, ctx.IsGroup || local ? workspace.Id : "personal:" + ctx.UserKey, now));
        return workspace;
    }

    private Workspace TouchGroup(Activity a, DateTimeOffset now, BotOptions o)
    {
        var id = ConversationWorkspaceId(a);
        if (workspaces.Get(id) is { IsGroup: false } claimed && !claimed.Id.StartsWith("local:", StringComparison.Ordinal))
        {
            // A personal workspace at a group's id: made before personal ids had their own space, by a personal chat
            // that reused this group's conversation id. The group takes it back; whoever joined it that way is no member.
            workspaces.Update(claimed, w => w.IsGroup = true);
            var removed = workspaces.RemoveMembers(id);
            log.LogWarning("Workspace {WorkspaceId} had been claimed by a personal chat; it is a group again and its {Count} member(s) from that chat were removed",
                id, removed);
        }
        return workspaces.Touch(new Workspace
        {
            Id = id, ChannelId = a.ChannelId ?? "", TenantId = a.Conversation?.TenantId ?? TenantFromChannelData(a),
            ConversationId = a.Conversation?.Id ?? "", Name = a.Conversation?.Name, IsGroup = true,
            TimeZone = o.DefaultTimeZone, Locale = o.DefaultLocale,
        }, now);
    }

    /// <summary>The group workspace the user was last seen in (not a personal workspace, not the local one).</summary>
    private Workspace? LatestGroupOf(string userKey) =>
        workspaces.WorkspacesOf(userKey).Select(m => workspaces.Get(m.WorkspaceId)).FirstOrDefault(w => w is { Removed: false, IsGroup: true });

    private Workspace TouchPersonal(TurnContext ctx, DateTimeOffset now, BotOptions o)
    {
        var a = ctx.Activity;
        var id = PersonalWorkspaceId(a);
        // A personal workspace made by an earlier version has the conversation's plain id: it stays this chat's own.
        var legacyId = ConversationWorkspaceId(a);
        if (workspaces.Get(id) is null && workspaces.Get(legacyId) is { IsGroup: false } legacy && workspaces.IsMember(legacyId, ctx.UserKey))
            return workspaces.Touch(legacy, now);
        return workspaces.Touch(new Workspace
        {
            Id = id, ChannelId = a.ChannelId ?? "", TenantId = a.Conversation?.TenantId,
            ConversationId = a.Conversation?.Id ?? "", Name = ctx.UserName.Length > 0 ? ctx.UserName : null, IsGroup = false,
            TimeZone = o.DefaultTimeZone, Locale = o.DefaultLocale,
        }, now);
    }

    public static StoredConversationReference ReferenceOf(Activity a, string id, DateTimeOffset now) => new()
    {
        Id = id,
        ChannelId = a.ChannelId ?? "",
        ServiceUrl = a.ServiceUrl ?? "",
        ConversationId = StripThread(a.Conversation?.Id ?? ""),
        ConversationType = a.Conversation?.ConversationType,
        IsGroup = GroupConversation.Is(a.Conversation),
        TenantId = a.Conversation?.TenantId ?? TenantFromChannelData(a),
        BotId = a.Recipient?.Id,
        BotName = a.Recipient?.Name,
        Locale = a.Locale,
        UpdatedUtc = now,
    };

    /// <summary>A Teams channel conversation id without its reply thread (";messageid=…"): the channel itself.</summary>
    internal static string StripThread(string conversationId)
    {
        var i = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return i > 0 ? conversationId[..i] : conversationId;
    }

    private static string? TenantFromChannelData(Activity a) =>
        a.ChannelData is { ValueKind: System.Text.Json.JsonValueKind.Object } cd && cd.TryGetProperty("tenant", out var t)
            && t.ValueKind == System.Text.Json.JsonValueKind.Object && t.TryGetProperty("id", out var id)
            && id.ValueKind == System.Text.Json.JsonValueKind.String ? id.GetString() : null; // any other type is not a tenant id
}
