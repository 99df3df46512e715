using LiteDB;

namespace ChatBot.Storage.Conversations;

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
