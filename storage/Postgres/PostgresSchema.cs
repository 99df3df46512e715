using System.Reflection;
using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Creates and upgrades the PostgreSQL schema from the versioned SQL files in <c>Schema/</c> (embedded:
/// <c>0001_tables.sql</c>, <c>0002_…</c>), each applied once, in its own transaction, and recorded in
/// <c>schema_versions</c>. Two instances starting together take turns (an advisory lock); a database that has a
/// version this program does not know was upgraded by a newer bot and is refused.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The advisory lock key the schema upgrade holds ('chatbot schema').</summary>
    private const long LockKey = 0x63686174_73636831;

    public sealed record Script(int Version, string Name, string Sql);

    /// <summary>The scripts this program carries, by version.</summary>
    public static IReadOnlyList<Script> Scripts { get; } = LoadScripts();

    private static List<Script> LoadScripts()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.Contains(".Postgres.Schema.", StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = resource[(resource.IndexOf(".Postgres.Schema.", StringComparison.Ordinal) + ".Postgres.Schema.".Length)..^4];
            var underscore = file.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(file[..underscore], out var version))
                throw new InvalidOperationException($"The schema script '{file}.sql' must be named '<version>_<name>.sql'.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(version, file[(underscore + 1)..], reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"Two schema scripts have the version {twice.Key}.");
        return scripts;
    }

    /// <summary>The versions the database has, oldest first (none for an empty database).</summary>
    public static IReadOnlyList<int> Applied(NpgsqlDataSource dataSource)
    {
        using var connection = dataSource.OpenConnection();
        return Applied(connection);
    }

    private static List<int> Applied(NpgsqlConnection connection)
    {
        using var exists = new NpgsqlCommand("select to_regclass('schema_versions') is not null", connection);
        if (exists.ExecuteScalar() is not true) return [];
        using var cmd = new NpgsqlCommand("select version from schema_versions order by version", connection);
        using var reader = cmd.ExecuteReader();
        var versions = new List<int>();
        while (reader.Read()) versions.Add(reader.GetInt32(0));
        return versions;
    }

    /// <summary>Applies the scripts the database has not had, up to <paramref name="upTo"/> (tests start from an
    /// earlier version); returns them.</summary>
    public static IReadOnlyList<Script> Migrate(NpgsqlDataSource dataSource, int upTo = int.MaxValue, TimeProvider? clock = null)
    {
        using var connection = dataSource.OpenConnection();
        using (var take = new NpgsqlCommand($"select pg_advisory_lock({LockKey})", connection)) take.ExecuteNonQuery();
        try
        {
            using (var create = new NpgsqlCommand(
                "create table if not exists schema_versions (version integer primary key, name text not null, applied_utc timestamptz not null)", connection))
                create.ExecuteNonQuery();
            var applied = Applied(connection).ToHashSet();
            var known = Scripts.Select(s => s.Version).ToHashSet();
            if (applied.FirstOrDefault(v => !known.Contains(v)) is var unknown and > 0)
                throw new InvalidOperationException(
                    $"The PostgreSQL database has the schema version {unknown}, which this version of the bot does not know: it was upgraded by a newer version. Run that version.");
            var done = new List<Script>();
            foreach (var script in Scripts.Where(s => s.Version <= upTo && !applied.Contains(s.Version)))
            {
                using var tx = connection.BeginTransaction();
                using (var run = new NpgsqlCommand(script.Sql, connection, tx)) run.ExecuteNonQuery();
                using (var record = new NpgsqlCommand("insert into schema_versions (version, name, applied_utc) values ($1, $2, $3)", connection, tx))
                {
                    record.Parameters.AddWithValue(script.Version);
                    record.Parameters.AddWithValue(script.Name);
                    record.Parameters.AddWithValue((clock ?? TimeProvider.System).GetUtcNow());
                    record.ExecuteNonQuery();
                }
                tx.Commit();
                done.Add(script);
            }
            return done;
        }
        finally
        {
            using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", connection);
            release.ExecuteNonQuery();
        }
    }

    /// <summary>True when every script this program carries has been applied.</summary>
    public static bool IsCurrent(NpgsqlDataSource dataSource)
    {
        var applied = Applied(dataSource).ToHashSet();
        return Scripts.All(s => applied.Contains(s.Version));
    }
}
