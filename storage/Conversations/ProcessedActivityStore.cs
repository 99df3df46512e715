using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

/// <summary>Remembers inbound activity / message ids so that a redelivered one is processed once.</summary>
public sealed class ProcessedActivityStore(DocumentDatabase db)
{
    private readonly object _gate = new();
    private DocumentCollection<ProcessedActivity> Seen => db.Collection<ProcessedActivity>(ChatBotDatabase.ProcessedActivities);

    /// <summary>True the first time an id is offered, false for every later offer of the same id.</summary>
    public bool TryMarkFirstSeen(string id, DateTimeOffset now)
    {
        id = StorageKeys.Compact(id);
        lock (_gate)
        {
            if (Seen.FindById(id) is not null) return false;
            Seen.Insert(new ProcessedActivity { Id = id, SeenUtc = now });
            return true;
        }
    }

    /// <summary>Forgets ids older than the channels' redelivery windows.</summary>
    public int Prune(DateTimeOffset olderThan) => Seen.DeleteMany(p => p.SeenUtc < olderThan);
}
