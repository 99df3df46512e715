using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>Remembers inbound activity / message ids so that a redelivered one is processed once.</summary>
public sealed class ProcessedActivityStore(DocumentDatabase db)
{
    private DocumentCollection<ProcessedActivity> Seen => db.Collection<ProcessedActivity>(ChatBotDatabase.ProcessedActivities);

    /// <summary>
    /// True the first time an id is offered, false for every later offer of the same id. The id is the record's key, so
    /// one insert decides it: of two instances offered one id at once (a shared database), exactly one sees it first.
    /// </summary>
    public bool TryMarkFirstSeen(string id, DateTimeOffset now) =>
        Seen.TryInsert(new ProcessedActivity { Id = StorageKeys.Compact(id), SeenUtc = now });

    /// <summary>Forgets ids older than the channels' redelivery windows.</summary>
    public int Prune(DateTimeOffset olderThan) => Seen.DeleteMany(p => p.SeenUtc < olderThan);
}
