using LiteDB;

namespace ChatBot.Storage.Conversations;

public sealed class ConversationReferenceStore(LiteDatabase db)
{
    private ILiteCollection<StoredConversationReference> Refs => db.GetCollection<StoredConversationReference>(ChatBotDatabase.ConversationReferences);

    /// <summary>Saves the reference when it is new or changed (service URLs do move), not on every turn.</summary>
    public void Upsert(StoredConversationReference reference)
    {
        var existing = Refs.FindById(reference.Id);
        if (existing is not null && existing.ServiceUrl == reference.ServiceUrl && existing.TenantId == reference.TenantId
            && existing.BotId == reference.BotId && existing.ConversationId == reference.ConversationId
            && reference.UpdatedUtc - existing.UpdatedUtc < TimeSpan.FromHours(1))
            return;
        Refs.Upsert(reference);
    }

    public StoredConversationReference? Get(string workspaceId) => Refs.FindById(workspaceId);

    public bool Remove(string workspaceId) => Refs.Delete(workspaceId);

    public IEnumerable<StoredConversationReference> All() => Refs.FindAll();
}
