using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Migrations;

/// <summary>
/// Applies the registered migrations a database has not had yet, in <see cref="ISchemaMigration.Version"/> order, and
/// records each in the <c>schema_migrations</c> collection. Applied migrations are kept by version rather than as one
/// "current version" number, so features can add migrations in their own blocks independently.
/// </summary>
public static class SchemaMigrator
{
    public const string Collection = "schema_migrations";

    /// <summary>The registered migrations this database has not had, in the order they would run.</summary>
    public static IReadOnlyList<ISchemaMigration> Pending(DocumentDatabase db, IEnumerable<ISchemaMigration> migrations)
    {
        var ordered = Validate(migrations);
        var applied = Applied(db).Select(a => a.Version).ToHashSet();
        return ordered.Where(m => !applied.Contains(m.Version)).ToList();
    }

    /// <summary>
    /// Applies what is pending. <paramref name="backupBefore"/> runs once before the first one (with its name) and
    /// returns false when no verified backup could be taken: then nothing is changed and this throws. A database that
    /// has migrations this program does not know was written by a newer version; it is refused, not guessed at.
    /// </summary>
    public static IReadOnlyList<ISchemaMigration> Migrate(DocumentDatabase db, IEnumerable<ISchemaMigration> migrations,
        Func<string, bool>? backupBefore = null, TimeProvider? clock = null)
    {
        var ordered = Validate(migrations);
        var known = ordered.Select(m => m.Version).ToHashSet();
        var applied = Applied(db);
        var unknown = applied.Where(a => !known.Contains(a.Version)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"The database has had migrations this version of the bot does not know ({string.Join(", ", unknown.Select(u => $"{u.Version} {u.Name}"))}): " +
                "it was written by a newer version. Run that version, or restore a backup taken before it.");
        var done = applied.Select(a => a.Version).ToHashSet();
        var pending = ordered.Where(m => !done.Contains(m.Version)).ToList();
        if (pending.Count == 0) return pending;
        var records = db.Collection<AppliedMigration>(Collection);
        // A new database holds no record of an older shape: it is marked as having had every migration, without a
        // backup of nothing, so that the migrations run only on data written before them.
        if (applied.Count == 0 && IsEmpty(db))
        {
            var now = (clock ?? TimeProvider.System).GetUtcNow();
            foreach (var migration in pending)
                records.Upsert(new AppliedMigration { Version = migration.Version, Name = migration.Name, AppliedUtc = now, OnNewDatabase = true });
            return [];
        }
        if (backupBefore is not null && !backupBefore(pending[0].Name))
            throw new InvalidOperationException($"No verified backup could be taken before the migration {pending[0].Version} {pending[0].Name}; the database was not changed.");
        foreach (var migration in pending)
        {
            migration.Apply(db);
            records.Upsert(new AppliedMigration { Version = migration.Version, Name = migration.Name, AppliedUtc = (clock ?? TimeProvider.System).GetUtcNow() });
        }
        return pending;
    }

    private static bool IsEmpty(DocumentDatabase db) =>
        db.CollectionNames().Where(n => n != Collection).All(n => db.Table(n).Count(null) == 0);

    /// <summary>The migrations this database has had, oldest first.</summary>
    public static IReadOnlyList<AppliedMigration> Applied(DocumentDatabase db) =>
        db.Collection<AppliedMigration>(Collection).FindAll().OrderBy(a => a.Version).ToList();

    private static List<ISchemaMigration> Validate(IEnumerable<ISchemaMigration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        if (ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"Two migrations have the version {twice.Key}: {string.Join(", ", twice.Select(m => m.Name))}.");
        if (ordered.FirstOrDefault(m => m.Version <= 0) is { } bad)
            throw new InvalidOperationException($"Migration {bad.Name} has the version {bad.Version}; versions start at 1.");
        return ordered;
    }
}
