using System.Linq.Expressions;
using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>
/// The typed view of a <see cref="DocumentTable"/>: records are turned into documents by the one
/// <see cref="BsonMapper"/> (<see cref="ChatBotDatabase.CreateMapper"/>) on both providers, so a record reads back the
/// same from LiteDB and PostgreSQL and moves between them unchanged. Named like LiteDB's collection, which it replaces
/// in the stores.
/// </summary>
public sealed class DocumentCollection<T>(DocumentDatabase database, DocumentTable table, BsonMapper mapper) where T : class
{
    public string Name => table.Name;

    public T? FindById(BsonValue id) => ToRecord(table.FindById(id));

    /// <summary>Reads the record and, inside a transaction, holds it until the transaction ends.</summary>
    public T? FindByIdForUpdate(BsonValue id) => ToRecord(table.FindById(id, forUpdate: true));

    public IEnumerable<T> FindAll() => table.Find(null).Select(d => ToRecord(d)!);

    public IEnumerable<T> Find(Expression<Func<T, bool>> predicate) => Find(Filter(predicate));

    public IEnumerable<T> Find(DocumentFilter filter, string? orderBy = null, int limit = int.MaxValue) =>
        table.Find(filter, orderBy, limit).Select(d => ToRecord(d)!);

    public T? FindOne(Expression<Func<T, bool>> predicate) => table.Find(Filter(predicate), limit: 1).Select(ToRecord).FirstOrDefault();

    /// <summary>The distinct values of one field among the records that meet the filter (see <see cref="DocumentTable.Distinct"/>).</summary>
    public IReadOnlyList<BsonValue> Distinct(string field, DocumentFilter? filter) =>
        table.Distinct([field], filter).Select(row => row[field]).ToList();

    /// <summary>The distinct combinations of the fields among the records that meet the filter (see <see cref="DocumentTable.Distinct"/>).</summary>
    public IReadOnlyList<BsonDocument> Distinct(IReadOnlyList<string> fields, DocumentFilter? filter) => table.Distinct(fields, filter);

    public int Count() => table.Count(null);

    public int Count(Expression<Func<T, bool>> predicate) => table.Count(Filter(predicate));

    public bool Exists(Expression<Func<T, bool>> predicate) => table.Find(Filter(predicate), limit: 1).Count > 0;

    /// <summary>Inserts the record; an auto-numbered key (<c>[BsonId(true)] int Id</c>) left at 0 is set to the next one.</summary>
    public BsonValue Insert(T record)
    {
        var doc = mapper.ToDocument(record);
        var id = table.Insert(doc, Shape.AutoIdKind);
        if (Shape is { AutoKey: true, Key: { CanWrite: true } key }) key.SetValue(record, mapper.Deserialize(key.PropertyType, id));
        return id;
    }

    public int Insert(IEnumerable<T> records) => records.Count(r => Insert(r) is not null);

    /// <summary>Inserts the record unless its key is taken; false (and nothing written) when it was.</summary>
    public bool TryInsert(T record) => table.TryInsert(mapper.ToDocument(record));

    public bool Update(T record) => table.Update(mapper.ToDocument(record));

    public bool Upsert(T record) => table.Upsert(mapper.ToDocument(record));

    public bool Delete(BsonValue id) => table.Delete(id);

    public int DeleteMany(Expression<Func<T, bool>> predicate) => table.DeleteMany(Filter(predicate));

    public int DeleteMany(DocumentFilter filter) => table.DeleteMany(filter);

    /// <summary>An index on a field (LiteDB; on PostgreSQL the schema declares the indexes).</summary>
    public void EnsureIndex<TField>(Expression<Func<T, TField>> field, bool unique = false)
    {
        var body = field.Body is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : field.Body;
        if (body is not MemberExpression m) throw new NotSupportedException($"Only an index on a field is supported: {field}");
        database.EnsureIndex(Name, Shape.FieldName(m.Member, mapper), unique);
    }

    /// <summary>The filter a lambda stands for (exposed for stores that add ordering or a limit).</summary>
    public DocumentFilter Filter(Expression<Func<T, bool>> predicate) => FilterTranslator.Translate(predicate, mapper);

    /// <summary>The stored name of a member, e.g. for <see cref="Find(DocumentFilter, string?, int)"/>'s ordering.</summary>
    public string FieldOf(string memberName) => Shape.FieldName(typeof(T).GetProperty(memberName)!, mapper);

    private static RecordShape Shape => RecordShape.Of(typeof(T));

    private T? ToRecord(BsonDocument? doc) => doc is null ? null : mapper.ToObject<T>(doc);
}
