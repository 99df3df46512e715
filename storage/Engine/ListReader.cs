using LiteDB;

namespace ChatBot.Storage.Engine;

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
