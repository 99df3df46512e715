using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>
/// A workspace is the group chat (or Teams channel, or WeCom group) where records are created; its id is
/// "{channel}:{tenant}:{conversation}". A personal chat with no group has its own, "personal|{channel}:{tenant}:{conversation}"
/// (ids of earlier versions lack the prefix), and the built-in Web Chat acts on "local:{name}". Everything a feature
/// stores belongs to exactly one workspace.
/// </summary>
public sealed class Workspace
{
    [BsonId] public string Id { get; set; } = "";
    public string ChannelId { get; set; } = "";
    public string? TenantId { get; set; }
    public string ConversationId { get; set; } = "";
    public string? Name { get; set; }
    public bool IsGroup { get; set; }
    public string Locale { get; set; } = "zh-CN";
    public string TimeZone { get; set; } = "Asia/Shanghai";
    /// <summary>User keys (channel:userId) who may change workspace settings and receive escalations.</summary>
    public List<string> Admins { get; set; } = new();
    /// <summary>Whether a workspace has named its admins (管理员 / 设为管理员).</summary>
    [BsonIgnore] public bool HasAdmins => Admins.Count > 0;
    /// <summary>
    /// Whether the user may do what only admins may. A workspace that has not named any admin lets every member act as
    /// one, so a new group can start without a set-up step; the first 设为管理员 ends that.
    /// </summary>
    public bool IsAdmin(string userKey) => Admins.Count == 0 || Admins.Contains(userKey);
    /// <summary>WeCom group robot webhook key for reminders into this group.</summary>
    public string? WeComWebhookKey { get; set; }
    /// <summary>Free-form per-workspace settings of the features (reminder times, yellow window, …).</summary>
    public Dictionary<string, string> Settings { get; set; } = new();
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset LastSeenUtc { get; set; }
    public bool Removed { get; set; }
}

/// <summary>A person seen in a workspace; lets a user act on that workspace from a personal chat.</summary>
public sealed class WorkspaceMember
{
    [BsonId] public string Id { get; set; } = "";   // {workspaceId}|{userKey}
    public string WorkspaceId { get; set; } = "";
    /// <summary>{channel}:{userId}</summary>
    public string UserKey { get; set; } = "";
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public DateTimeOffset LastSeenUtc { get; set; }
}

/// <summary>What the bot needs to write into a conversation later (reminders): service URL, ids, tenant.</summary>
public sealed class StoredConversationReference
{
    [BsonId] public string Id { get; set; } = "";   // the workspace id
    public string ChannelId { get; set; } = "";
    public string ServiceUrl { get; set; } = "";
    public string ConversationId { get; set; } = "";
    public string? ConversationType { get; set; }
    public bool IsGroup { get; set; }
    public string? TenantId { get; set; }
    public string? BotId { get; set; }
    public string? BotName { get; set; }
    public string? Locale { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}

/// <summary>Dialog stack and user data of one user in one conversation, as JSON.</summary>
public sealed class DialogStateRecord
{
    [BsonId] public string Id { get; set; } = "";
    public string Json { get; set; } = "{}";
    public long Version { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
    /// <summary>
    /// The last inbound activities whose turn this state is the result of ("type:id"), saved in the same write: a channel
    /// redelivering one after a restart (when the in-memory recent ids are gone) does not move the dialog twice.
    /// </summary>
    public string[] HandledActivities { get; set; } = [];
}

/// <summary>An inbound activity or message id already handled: a redelivery is ignored.</summary>
public sealed class ProcessedActivity
{
    [BsonId] public string Id { get; set; } = "";
    public DateTimeOffset SeenUtc { get; set; }
}

/// <summary>Who changed what and when, for every record of every feature.</summary>
public sealed class AuditEntry
{
    [BsonId] public ObjectId? Id { get; set; }
    /// <summary>"{collection}/{record id}"</summary>
    public string RecordKey { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public string Action { get; set; } = "";
    public string? UserKey { get; set; }
    public string? UserName { get; set; }
    public string? Details { get; set; }
    public DateTimeOffset AtUtc { get; set; }
}
