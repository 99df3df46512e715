using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>
/// One collection of stored documents, the same on both providers: LiteDB's collection, or a PostgreSQL table with a
/// key column, a column for each field the stores filter on, and the document itself (see storage/Postgres).
/// Inside <see cref="DocumentDatabase.InTransaction{T}"/> every call is part of that transaction.
/// </summary>
public abstract class DocumentTable(string name)
{
    public string Name { get; } = name;

    /// <param name="forUpdate">Inside a transaction, hold the document until it ends (PostgreSQL: a row lock, so two
    /// instances changing one record run one after the other). LiteDB runs one transaction at a time anyway.</param>
    public abstract BsonDocument? FindById(BsonValue id, bool forUpdate = false);

    /// <summary>The documents that meet the filter (all without one), ordered by a field when one is given.</summary>
    public abstract IReadOnlyList<BsonDocument> Find(DocumentFilter? filter, string? orderBy = null, int limit = int.MaxValue);

    public abstract int Count(DocumentFilter? filter);

    /// <summary>
    /// The distinct combinations of top-level <paramref name="fields"/> among the documents that meet the filter (all
    /// without one), each as a document holding just those fields (a missing one as null), in no particular order:
    /// for a store that needs to know which workspaces have something, not the records themselves. PostgreSQL answers
    /// it without sending the documents; this reads them.
    /// </summary>
    public virtual IReadOnlyList<BsonDocument> Distinct(IReadOnlyList<string> fields, DocumentFilter? filter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<BsonDocument>();
        foreach (var doc in Find(filter))
        {
            var row = new BsonDocument();
            foreach (var field in fields) row[field] = doc.TryGetValue(field, out var value) ? value : BsonValue.Null;
            if (seen.Add(JsonSerializer.Serialize(row))) rows.Add(row);
        }
        return rows;
    }

    /// <summary>Inserts the document; with <paramref name="autoId"/> and no key, the table gives the next one, set in the document.</summary>
    public abstract BsonValue Insert(BsonDocument document, BsonAutoId autoId);

    /// <summary>Inserts the document unless its key is taken (then nothing changes): false when it was.</summary>
    public abstract bool TryInsert(BsonDocument document);

    /// <summary>Replaces the document with its key; false when there is none.</summary>
    public abstract bool Update(BsonDocument document);

    /// <summary>Inserts or replaces the document with its key; true when it was inserted.</summary>
    public abstract bool Upsert(BsonDocument document);

    public abstract bool Delete(BsonValue id);

    /// <summary>A key the table numbers itself (null, 0, empty), as LiteDB's typed collections treat it.</summary>
    protected static bool IsEmptyKey(BsonValue id) =>
        id.IsNull || (id.IsInt32 && id.AsInt32 == 0) || (id.IsInt64 && id.AsInt64 == 0) || (id.IsString && id.AsString.Length == 0)
        || (id.IsGuid && id.AsGuid == Guid.Empty) || (id.IsObjectId && id.AsObjectId == ObjectId.Empty);

    public abstract int DeleteMany(DocumentFilter filter);

    /// <summary>
    /// Takes up to <paramref name="limit"/> documents that meet the filter, first by <paramref name="orderBy"/> (then by
    /// key), and saves what <paramref name="change"/> makes of each, in one transaction; returns the changed documents.
    /// Two processes claiming at once never take the same document: PostgreSQL locks the rows it selects and skips rows
    /// another transaction holds (<c>for update skip locked</c>); LiteDB runs one transaction at a time. The change must
    /// make a document stop meeting the filter (e.g. move its next attempt past now), or it is taken again next time.
    /// </summary>
    public abstract IReadOnlyList<BsonDocument> Claim(DocumentFilter filter, string orderBy, int limit, Func<BsonDocument, BsonDocument> change);
}
