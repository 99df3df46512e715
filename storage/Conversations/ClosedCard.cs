using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>A form card whose submit was handled (saved, or cancelled): a later click on it changes nothing.</summary>
public sealed class ClosedCard
{
    [BsonId] public string Id { get; set; } = "";   // {workspaceId}|{cardId}
    public string WorkspaceId { get; set; } = "";
    public string CardId { get; set; } = "";
    /// <summary><see cref="ClosedCardStore.Saved"/> or <see cref="ClosedCardStore.Cancelled"/>.</summary>
    public string State { get; set; } = "";
    public string? UserKey { get; set; }
    public DateTimeOffset ClosedUtc { get; set; }
}
