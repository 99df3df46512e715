using LiteDB;

namespace ChatBot.Storage.Conversations;

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
