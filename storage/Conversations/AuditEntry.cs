using LiteDB;

namespace ChatBot.Storage.Conversations;

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
