using LiteDB;

namespace ChatBot.Storage.Conversations;

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
