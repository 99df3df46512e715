using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>
/// Where the stores keep their records: the embedded LiteDB file (<see cref="LiteDocumentDatabase"/>, the default) or
/// a PostgreSQL database shared by several bot instances (<c>Postgres.PostgresDocumentDatabase</c>). Every store is
/// written once against this; the contract tests run each store on both.
/// </summary>
public abstract class DocumentDatabase : IDisposable
{
    private readonly ConcurrentDictionary<string, DocumentTable> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, Type), object> _collections = new();

    protected DocumentDatabase(BsonMapper mapper) => Mapper = mapper;

    /// <summary>"litedb" or "postgres" (the value of Bot:Storage).</summary>
    public abstract string Provider { get; }

    /// <summary>
    /// True when other processes write to the same database (PostgreSQL): what a store remembers in memory may be
    /// stale, and in-process locks do not order writes; a store then reads from the database and relies on its
    /// transactions and row locks.
    /// </summary>
    public abstract bool IsShared { get; }

    public BsonMapper Mapper { get; }

    public DocumentCollection<T> Collection<T>(string name) where T : class =>
        (DocumentCollection<T>)_collections.GetOrAdd((name, typeof(T)), _ => new DocumentCollection<T>(this, Table(name), Mapper));

    public DocumentTable Table(string name) => _tables.GetOrAdd(name, CreateTable);

    protected abstract DocumentTable CreateTable(string name);

    /// <summary>The names of the collections that hold documents (for copies, backups and checks).</summary>
    public abstract IReadOnlyList<string> CollectionNames();

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction: committed (and durable) when it returns, rolled back when it
    /// throws (its exception surfaces). <paramref name="join"/>: inside a transaction already open on this flow, true
    /// joins it, false throws.
    /// </summary>
    public abstract T InTransaction<T>(Func<T> write, bool join = true);

    public void InTransaction(Action write, bool join = true) => InTransaction(() => { write(); return true; }, join);

    /// <summary>Creates an index a store queries by (LiteDB); on PostgreSQL the schema's migrations declare them, so this does nothing.</summary>
    public virtual void EnsureIndex(string collection, string field, bool unique = false) { }

    /// <summary>
    /// The next number of a named sequence of the schema, unique across every process on the database (PostgreSQL's
    /// <c>nextval</c>). Only a shared database has them: a store on an embedded one counts in memory under its lock.
    /// </summary>
    public virtual long NextInSequence(string sequence) =>
        throw new NotSupportedException($"The {Provider} database has no sequences; count in memory when it is not shared.");

    public virtual void Dispose() { }

    // The stores and the tests were written against LiteDatabase; wrapping it keeps `new XStore(liteDatabase)` working.
    private static readonly ConditionalWeakTable<LiteDatabase, LiteDocumentDatabase> Wrapped = new();

    public static implicit operator DocumentDatabase(LiteDatabase db) => Wrapped.GetValue(db, d => new LiteDocumentDatabase(d));
}
