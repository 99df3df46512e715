using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>An inbound activity or message id already handled: a redelivery is ignored.</summary>
public sealed class ProcessedActivity
{
    [BsonId] public string Id { get; set; } = "";
    public DateTimeOffset SeenUtc { get; set; }
}
