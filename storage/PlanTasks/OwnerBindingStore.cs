using ChatBot.Storage.Engine;
using ChatBot.Storage.Conversations;
using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>Owner names bound to chat users, per workspace (绑定 / 解除绑定, #24).</summary>
public sealed class OwnerBindingStore(DocumentDatabase db, AuditLog audit) : IOwnsCollections
{
    public const string Collection = "plan_owner_bindings";
    public static IReadOnlyList<string> Collections => [Collection];

    public static void EnsureIndexes(LiteDatabase db) =>
        db.GetCollection<OwnerBinding>(Collection).EnsureIndex(b => b.WorkspaceId);

    private DocumentCollection<OwnerBinding> Bindings => db.Collection<OwnerBinding>(Collection);

    /// <summary>The workspace's bindings by owner name.</summary>
    public IReadOnlyDictionary<string, OwnerBinding> Of(string workspaceId) =>
        Bindings.Find(b => b.WorkspaceId == workspaceId).ToDictionary(b => b.OwnerName, StringComparer.Ordinal);

    public OwnerBinding? Get(string workspaceId, string ownerName) => Bindings.FindById(OwnerBinding.IdOf(workspaceId, ownerName));

    /// <summary>Binds (or rebinds) the owner name to the user.</summary>
    public OwnerBinding Bind(string workspaceId, string ownerName, string userKey, string? userName, Actor actor, DateTimeOffset now)
    {
        var binding = new OwnerBinding
        {
            Id = OwnerBinding.IdOf(workspaceId, ownerName), WorkspaceId = workspaceId, OwnerName = ownerName.Trim(),
            UserKey = userKey, UserName = userName, BoundBy = actor.Name, BoundUtc = now,
        };
        db.InTransaction(() =>
        {
            Bindings.Upsert(binding);
            Audit(binding, "task.owner.bind", actor, now, $"{binding.OwnerName} → {userName ?? userKey}");
        });
        return binding;
    }

    /// <summary>Removes the binding; false when the name was not bound.</summary>
    public bool Unbind(string workspaceId, string ownerName, Actor actor, DateTimeOffset now)
    {
        return db.InTransaction(() =>
        {
            // Deleted by whoever gets there first: a second unbind at the same time finds nothing.
            if (Get(workspaceId, ownerName) is not { } existing || !Bindings.Delete(existing.Id)) return false;
            Audit(existing, "task.owner.unbind", actor, now, $"{existing.OwnerName} ✕ {existing.UserName ?? existing.UserKey}");
            return true;
        });
    }

    private void Audit(OwnerBinding b, string action, Actor actor, DateTimeOffset now, string details) =>
        audit.Write(new AuditEntry
        {
            RecordKey = $"{Collection}/{b.Id}", WorkspaceId = b.WorkspaceId, Action = action,
            UserKey = actor.UserKey, UserName = actor.Name, Details = details, AtUtc = now,
        });
}
