using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

public sealed class ConversationReferenceStore(DocumentDatabase db)
{
    private DocumentCollection<StoredConversationReference> Refs => db.Collection<StoredConversationReference>(ChatBotDatabase.ConversationReferences);

    // References this store confirmed in the last minute: a steady turn then skips the read (every turn calls Upsert).
    // Not on a shared database: another instance may have removed or changed the reference meanwhile.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (StoredConversationReference Ref, DateTimeOffset CheckedUtc)> _recent = new();

    /// <summary>Saves the reference when it is new or changed (service URLs do move), not on every turn.</summary>
    public void Upsert(StoredConversationReference reference)
    {
        if (!db.IsShared && _recent.TryGetValue(reference.Id, out var seen) && reference.UpdatedUtc - seen.CheckedUtc < TimeSpan.FromMinutes(1)
            && reference.UpdatedUtc >= seen.CheckedUtc && Same(seen.Ref, reference))
            return;
        var existing = Refs.FindById(reference.Id);
        if (existing is not null && Same(existing, reference) && reference.UpdatedUtc - existing.UpdatedUtc < TimeSpan.FromHours(1))
        {
            Remember(existing, reference.UpdatedUtc);
            return;
        }
        Refs.Upsert(reference);
        Remember(reference, reference.UpdatedUtc);
    }

    private static bool Same(StoredConversationReference a, StoredConversationReference b) =>
        a.ServiceUrl == b.ServiceUrl && a.TenantId == b.TenantId && a.BotId == b.BotId && a.ConversationId == b.ConversationId;

    private void Remember(StoredConversationReference r, DateTimeOffset now)
    {
        if (db.IsShared) return;
        if (_recent.Count > 50_000) _recent.Clear();
        _recent[r.Id] = (r, now);
    }

    public StoredConversationReference? Get(string workspaceId) => Refs.FindById(workspaceId);

    public bool Remove(string workspaceId)
    {
        _recent.TryRemove(workspaceId, out _);
        return Refs.Delete(workspaceId);
    }

    public IEnumerable<StoredConversationReference> All() => Refs.FindAll();
}
