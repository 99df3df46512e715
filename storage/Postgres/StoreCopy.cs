using ChatBot.Storage.Engine;
using ChatBot.Storage.Migrations;
using LiteDB;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Moves a deployment from its LiteDB file to PostgreSQL (<c>migrate-store</c>): brings the target's schema up to
/// date, copies every collection of the source document by document in one transaction, moves the auto-numbered
/// tables' sequences past the copied keys, then reads everything back and compares it with the source.
/// Nothing is written when the target already holds records (unless <c>force</c>, which replaces them) or when a
/// collection with records has no table on PostgreSQL.
/// </summary>
public static class StoreCopy
{
    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> and verifies the copy.</summary>
    /// <exception cref="StoreCopyRefusedException">Nothing was written: the target holds records, or a collection has no table.</exception>
    public static StoreCopyResult Copy(DocumentDatabase source, PostgresDocumentDatabase target, bool force, TimeProvider? clock = null)
    {
        var schema = PostgresSchema.Migrate(target.DataSource, clock: clock);
        var tables = target.CollectionNames().ToHashSet(StringComparer.Ordinal);
        var documents = source.CollectionNames().ToDictionary(n => n, n => source.Table(n).Find(null), StringComparer.Ordinal);

        var withoutTable = documents.Where(d => !tables.Contains(d.Key) && d.Value.Count > 0).Select(d => $"{d.Key} ({d.Value.Count})").ToList();
        if (withoutTable.Count > 0)
            throw new StoreCopyRefusedException(
                $"The PostgreSQL schema has no table for these collections of the file: {string.Join(", ", withoutTable)}. Nothing was written. " +
                "Add the tables in a script in storage/Postgres/Schema (or run the version of the bot that has them).");
        // Marks of the record migrations a bot started on the empty target left are replaced by the file's own.
        var occupied = tables.Where(t => t != SchemaMigrator.Collection)
            .Select(t => (Table: t, Count: target.Table(t).Count(null))).Where(t => t.Count > 0).OrderBy(t => t.Table, StringComparer.Ordinal).ToList();
        if (occupied.Count > 0 && !force)
            throw new StoreCopyRefusedException(
                $"The PostgreSQL database already holds records ({string.Join(", ", occupied.Select(o => $"{o.Table} {o.Count}"))}). Nothing was written. " +
                "Give --force to replace them with the file's.");

        var copied = documents.Keys.Where(tables.Contains).OrderBy(n => n, StringComparer.Ordinal).ToList();
        target.InTransaction(() =>
        {
            foreach (var table in tables) Execute(target, $"delete from {Quote(table)}");
            foreach (var name in copied)
            {
                var table = target.Table(name);
                foreach (var document in documents[name]) table.Insert(new BsonDocument(document), BsonAutoId.ObjectId);
            }
            foreach (var name in copied) AdvanceSequence(target, name);
        });

        var counts = new List<CollectionCopy>();
        var problems = new List<string>();
        foreach (var name in copied)
        {
            var read = target.Table(name).Find(null);
            var byId = new Dictionary<BsonValue, BsonDocument>();
            foreach (var doc in read) byId[doc["_id"]] = doc;
            var different = documents[name].Count(d => !byId.TryGetValue(d["_id"], out var back) || !Same(d, back));
            counts.Add(new CollectionCopy(name, documents[name].Count, read.Count, different));
            if (read.Count != documents[name].Count) problems.Add($"{name}: {documents[name].Count} in the file, {read.Count} on PostgreSQL");
            if (different > 0) problems.Add($"{name}: {different} documents read back differently");
        }
        var skipped = documents.Keys.Where(n => !tables.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        return new StoreCopyResult(schema.Select(s => $"{s.Version:0000}_{s.Name}").ToList(), counts, skipped, problems);
    }

    /// <summary>An auto-numbered table's next key comes after the largest copied one.</summary>
    private static void AdvanceSequence(PostgresDocumentDatabase db, string table)
    {
        var sequence = db.Run("select pg_get_serial_sequence($1, 'id')", p => p.AddWithValue(Quote(table)), cmd => cmd.ExecuteScalar() as string);
        if (sequence is null) return;
        db.Run($"select setval($1, coalesce((select max(id) from {Quote(table)}), 1), (select max(id) from {Quote(table)}) is not null)",
            p => p.AddWithValue(sequence), cmd => cmd.ExecuteScalar());
    }

    private static void Execute(PostgresDocumentDatabase db, string sql) => db.Run(sql, _ => { }, cmd => cmd.ExecuteNonQuery());

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>The same value, field by field (field order aside: jsonb keeps its own), dates compared as instants.</summary>
    internal static bool Same(BsonValue a, BsonValue b)
    {
        if (a.IsDocument && b.IsDocument)
        {
            var x = a.AsDocument;
            var y = b.AsDocument;
            return x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && Same(kv.Value, other));
        }
        if (a.IsArray && b.IsArray)
        {
            var x = a.AsArray;
            var y = b.AsArray;
            return x.Count == y.Count && x.Zip(y).All(p => Same(p.First, p.Second));
        }
        if (a.IsDateTime && b.IsDateTime) return a.AsDateTime.ToUniversalTime() == b.AsDateTime.ToUniversalTime();
        return a.Type == b.Type && a.Equals(b);
    }
}

/// <summary>What <see cref="StoreCopy.Copy"/> did: the schema scripts it applied, the counts, and what did not match.</summary>
/// <param name="SkippedEmpty">Collections of the file without a table on PostgreSQL; they held no records.</param>
public sealed record StoreCopyResult(IReadOnlyList<string> SchemaApplied, IReadOnlyList<CollectionCopy> Collections,
    IReadOnlyList<string> SkippedEmpty, IReadOnlyList<string> Problems)
{
    public bool Verified => Problems.Count == 0;
}

/// <param name="Different">Documents of the file missing from PostgreSQL or reading back otherwise.</param>
public sealed record CollectionCopy(string Name, int Source, int Target, int Different);

/// <summary>The copy was refused before anything was written; the message says why.</summary>
public sealed class StoreCopyRefusedException(string message) : Exception(message);
