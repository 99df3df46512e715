using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>The 矛盾纠纷排查 rounds of all workspaces; every query takes the workspace id. A save and its audit entry are one transaction.</summary>
public sealed class ScreeningStore : IOwnsCollections
{
    public const string Rounds = "mediation_screenings";
    public static IReadOnlyList<string> Collections => [Rounds];
    private readonly DocumentDatabase _db;
    private readonly object _writeGate = new();

    public ScreeningStore(DocumentDatabase db)
    {
        _db = db;
        Collection.EnsureIndex(r => r.WorkspaceId);
        Collection.EnsureIndex(r => r.Date);
    }

    private DocumentCollection<ScreeningRound> Collection => _db.Collection<ScreeningRound>(Rounds);
    private DocumentCollection<AuditEntry> AuditCollection => _db.Collection<AuditEntry>(ChatBotDatabase.Audit);

    /// <summary>Saves a round once per form id; a second save of the same form returns the first (Created = false).</summary>
    public (ScreeningRound Round, bool Created) Save(ScreeningRound draft, string formId, MediationActor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(draft.WorkspaceId)) throw new ArgumentException("A round needs a workspace.", nameof(draft));
        if (string.IsNullOrWhiteSpace(formId)) throw new ArgumentException("A round needs the id of the form it came from.", nameof(formId));
        lock (_writeGate)
        {
            var id = $"{draft.WorkspaceId}|{formId}";
            if (Collection.FindById(id) is { } existing) return (existing, false);
            return _db.InTransaction(() =>
            {
                draft.Id = id;
                draft.CreatedBy = actor.UserKey;
                draft.CreatedUtc = now;
                // The key decides: the same form submitted to two instances at once is saved by one of them.
                if (!Collection.TryInsert(draft)) return (Collection.FindById(id) ?? draft, false);
                AuditCollection.Insert(new AuditEntry
                {
                    RecordKey = $"{Rounds}/{id}", WorkspaceId = draft.WorkspaceId, Action = "mediation.screening",
                    UserKey = actor.UserKey, UserName = actor.UserName, AtUtc = now,
                    Details = $"排查 {draft.Date:yyyy-MM-dd} {draft.Village}: " + (draft.ZeroReport ? "零报告" : $"{draft.Disputes.Count} 件"),
                });
                return (draft, true);
            });
        }
    }

    public ScreeningRound? Get(string workspaceId, string key) => Collection.FindById($"{workspaceId}|{key}");

    /// <summary>The rounds of a workspace dated within [from, to], oldest first.</summary>
    public IReadOnlyList<ScreeningRound> Between(string workspaceId, DateOnly from, DateOnly to) =>
        Collection.Find(r => r.WorkspaceId == workspaceId && r.Date >= from && r.Date <= to)
            .OrderBy(r => r.Date).ThenBy(r => r.CreatedUtc).ToList();

    /// <summary>The workspaces that have recorded a round (one query, which reads no rounds).</summary>
    public IReadOnlySet<string> Workspaces() =>
        Collection.Distinct(Collection.FieldOf(nameof(ScreeningRound.WorkspaceId)), null).Select(v => v.AsString).ToHashSet(StringComparer.Ordinal);

    /// <summary><see cref="All(string)"/> of each of the workspaces, in one query.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ScreeningRound>> All(IEnumerable<string> workspaceIds)
    {
        var ids = workspaceIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) return new Dictionary<string, IReadOnlyList<ScreeningRound>>();
        var rounds = Collection.Find(DocumentFilter.In(Collection.FieldOf(nameof(ScreeningRound.WorkspaceId)), ids.Select(id => new BsonValue(id))))
            .ToLookup(r => r.WorkspaceId, StringComparer.Ordinal);
        return ids.ToDictionary(ws => ws, ws => (IReadOnlyList<ScreeningRound>)rounds[ws].OrderBy(r => r.Date).ThenBy(r => r.CreatedUtc).ToList(), StringComparer.Ordinal);
    }

    /// <summary>All rounds of a workspace, oldest first.</summary>
    public IReadOnlyList<ScreeningRound> All(string workspaceId) =>
        Collection.Find(r => r.WorkspaceId == workspaceId).OrderBy(r => r.Date).ThenBy(r => r.CreatedUtc).ToList();
}
