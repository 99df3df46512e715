using LiteDB;
using LiteDB.Engine;

namespace ChatBot.Storage.Engine;

/// <summary>
/// Runs every LiteDB operation of the process one at a time. LiteDB 5.0.x lets transactions on different collections
/// run concurrently, and that corrupts its shared page lists (litedb-org/LiteDB#2825, fixed only after 5.0.20): the
/// reliability suite saw "page type must be collection page" / "Page type must be data page", after which LiteDB closes
/// itself, when many turns ran next to the dialog-state group commit and other explicit transactions. An explicit
/// transaction holds the lock from BeginTrans to its Commit/Rollback (LiteDB transactions belong to one thread); any
/// other call holds it for the call, and a query is read to the end inside it (our queries return few documents).
/// </summary>
/// Writes are durable when they return: a commit, or a write outside an explicit transaction, waits for
/// <see cref="DurableCommits"/> (outside the lock, so others go on meanwhile) when one is given.
internal sealed class SerializedEngine(ILiteEngine inner, DurableCommits? durable = null, Action? onDisposed = null) : ILiteEngine
{
    private readonly object _gate = new();
    private readonly ThreadLocal<bool> _holdsTransaction = new();

    public bool BeginTrans()
    {
        Monitor.Enter(_gate);
        bool began;
        try { began = inner.BeginTrans(); }
        catch { Monitor.Exit(_gate); throw; }
        if (began && !_holdsTransaction.Value) _holdsTransaction.Value = true;
        else Monitor.Exit(_gate); // already inside this thread's transaction, which holds the lock
        return began;
    }

    public bool Commit()
    {
        bool committed;
        try { lock (_gate) committed = inner.Commit(); }
        finally { EndTransaction(); }
        if (committed && durable is not null) durable.Wait();
        return committed;
    }

    /// <summary>After a write: an auto-committed one is made durable now; one inside a transaction waits for its Commit.</summary>
    private T Written<T>(T result)
    {
        if (durable is not null && !_holdsTransaction.Value) durable.Wait();
        return result;
    }

    public bool Rollback() { try { lock (_gate) return inner.Rollback(); } finally { EndTransaction(); } }

    private void EndTransaction()
    {
        if (!_holdsTransaction.Value) return;
        _holdsTransaction.Value = false;
        Monitor.Exit(_gate);
    }

    public IBsonDataReader Query(string collection, Query query)
    {
        lock (_gate)
        {
            using var reader = inner.Query(collection, query);
            var values = new List<BsonValue>();
            while (reader.Read()) values.Add(reader.Current);
            return new ListReader(values, collection);
        }
    }

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) { int result; lock (_gate) result = inner.Insert(collection, docs, autoId); return Written(result); }
    public int Update(string collection, IEnumerable<BsonDocument> docs) { int result; lock (_gate) result = inner.Update(collection, docs); return Written(result); }
    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) { int result; lock (_gate) result = inner.UpdateMany(collection, transform, predicate); return Written(result); }
    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) { int result; lock (_gate) result = inner.Upsert(collection, docs, autoId); return Written(result); }
    public int Delete(string collection, IEnumerable<BsonValue> ids) { int result; lock (_gate) result = inner.Delete(collection, ids); return Written(result); }
    public int DeleteMany(string collection, BsonExpression predicate) { int result; lock (_gate) result = inner.DeleteMany(collection, predicate); return Written(result); }
    public bool DropCollection(string name) { bool result; lock (_gate) result = inner.DropCollection(name); return Written(result); }
    public bool RenameCollection(string name, string newName) { bool result; lock (_gate) result = inner.RenameCollection(name, newName); return Written(result); }
    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) { bool result; lock (_gate) result = inner.EnsureIndex(collection, name, expression, unique); return Written(result); }
    public bool DropIndex(string collection, string name) { bool result; lock (_gate) result = inner.DropIndex(collection, name); return Written(result); }
    public int Checkpoint() { lock (_gate) return inner.Checkpoint(); }

    /// <summary>Runs <paramref name="action"/> with every other operation of the process held off: no transaction is
    /// open and none starts until it returns (a backup copies the file meanwhile). The gate is re-entrant, so the
    /// action may use the database itself on this thread.</summary>
    internal T Exclusive<T>(Func<ILiteEngine, T> action) { lock (_gate) return action(inner); }
    public long Rebuild(RebuildOptions options) { long result; lock (_gate) result = inner.Rebuild(options); return Written(result); }
    public BsonValue Pragma(string name) { lock (_gate) return inner.Pragma(name); }
    public bool Pragma(string name, BsonValue value) { lock (_gate) return inner.Pragma(name, value); }

    public void Dispose()
    {
        try
        {
            lock (_gate) inner.Dispose();
            durable?.Dispose();
            _holdsTransaction.Dispose();
        }
        finally { onDisposed?.Invoke(); }
    }
}

/// <summary>
/// A query result already read into memory. Behaves like LiteDB's own reader: <see cref="Current"/> is the first value
/// before the first <see cref="Read"/> (db.Execute(...).Current relies on it), and that first Read does not advance.
/// </summary>
internal sealed class ListReader(List<BsonValue> values, string collection) : IBsonDataReader
{
    private int _index;
    private bool _first = true;

    public BsonValue this[string field] => Current.AsDocument[field];
    public string Collection => collection;
    public BsonValue Current => _index < values.Count ? values[_index] : BsonValue.Null;
    public bool HasValues => values.Count > 0;

    public bool Read()
    {
        if (_first) { _first = false; return values.Count > 0; }
        return ++_index < values.Count;
    }

    public void Dispose() { }
}
