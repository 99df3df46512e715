using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>The embedded default: the stores' collections in the one LiteDB file (<see cref="ChatBotDatabase.Open(string)"/>).</summary>
/// <param name="ownsDatabase">Disposing this closes the file (else its opener does).</param>
public sealed class LiteDocumentDatabase(LiteDatabase db, bool ownsDatabase = false) : DocumentDatabase(db.Mapper)
{
    public override void Dispose()
    {
        if (ownsDatabase) db.Dispose();
    }

    public LiteDatabase Lite => db;

    public override string Provider => "litedb";

    public override bool IsShared => false;

    protected override DocumentTable CreateTable(string name) => new LiteTable(db, name);

    public override IReadOnlyList<string> CollectionNames() =>
        db.GetCollectionNames().Where(n => !n.StartsWith('$')).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public override T InTransaction<T>(Func<T> write, bool join = true) => db.InTransaction(write, join);

    public override void EnsureIndex(string collection, string field, bool unique = false) =>
        db.GetCollection(collection).EnsureIndex(field, "$." + field, unique);

    private sealed class LiteTable(LiteDatabase db, string name) : DocumentTable(name)
    {
        private ILiteCollection<BsonDocument> Documents => db.GetCollection(Name);

        public override BsonDocument? FindById(BsonValue id, bool forUpdate = false) => Documents.FindById(id);

        public override IReadOnlyList<BsonDocument> Find(DocumentFilter? filter, string? orderBy = null, int limit = int.MaxValue)
        {
            var query = Documents.Query();
            if (filter is not null) query = query.Where(filter.ToLiteDb());
            if (orderBy is not null) query = query.OrderBy("$." + orderBy);
            return limit == int.MaxValue ? query.ToList() : query.Limit(limit).ToList();
        }

        public override int Count(DocumentFilter? filter) => filter is null ? Documents.Count() : Documents.Count(filter.ToLiteDb());

        public override BsonValue Insert(BsonDocument document, BsonAutoId autoId)
        {
            if (document.TryGetValue("_id", out var id) && IsEmptyKey(id)) document.Remove("_id");
            return db.GetCollection(Name, autoId).Insert(document);
        }

        public override bool TryInsert(BsonDocument document) => db.InTransaction(() =>
        {
            if (Documents.FindById(document["_id"]) is not null) return false;
            Documents.Insert(document);
            return true;
        });

        public override bool Update(BsonDocument document) => Documents.Update(document);

        public override bool Upsert(BsonDocument document) => Documents.Upsert(document);

        public override bool Delete(BsonValue id) => Documents.Delete(id);

        public override int DeleteMany(DocumentFilter filter) => Documents.DeleteMany(filter.ToLiteDb());

        public override IReadOnlyList<BsonDocument> Claim(DocumentFilter filter, string orderBy, int limit, Func<BsonDocument, BsonDocument> change) =>
            db.InTransaction(() =>
            {
                // Sorted here: LiteDB orders by one field only, and the key breaks ties the same way PostgreSQL does.
                var taken = Documents.Find(filter.ToLiteDb())
                    .OrderBy(d => d[orderBy]).ThenBy(d => d["_id"])
                    .Take(limit).Select(change).ToList();
                foreach (var d in taken) Documents.Update(d);
                return (IReadOnlyList<BsonDocument>)taken;
            });
    }
}
