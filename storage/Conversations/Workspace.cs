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
