using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Backups;
using ChatBot.Storage.Backups;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Migrations;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Reminders;
using LiteDB;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Bot.Hosting;

/// <summary>
/// Opens the database of the configured provider (Bot:Storage) and applies the pending migrations before anything else
/// can read it: the <see cref="DocumentDatabase"/> singleton is created here, so no store sees a record in its old shape.
/// LiteDB: a verified backup is taken first (Backup:Folder, reason "pre-migration-…"); without one the bot does not
/// start and nothing is changed. PostgreSQL: the schema's SQL scripts first, then the record migrations, both under an
/// advisory lock so instances starting together take turns; its backups are the server's (pg_dump, PITR).
/// </summary>
internal static class MigratedDatabase
{
    /// <summary>The advisory lock the record migrations hold on PostgreSQL ('chatbot records').</summary>
    private const long RecordMigrationLock = 0x63686174_72656331;

    public static DocumentDatabase Open(IServiceProvider services) =>
        services.GetRequiredService<IOptions<BotOptions>>().Value.Storage switch
        {
            BotStorage.LiteDb => services.GetRequiredService<LiteDatabase>(),
            BotStorage.Postgres => OpenPostgres(services),
            var other => throw new InvalidOperationException($"Bot:Storage is '{other}'; it must be '{BotStorage.LiteDb}' or '{BotStorage.Postgres}'."),
        };

    /// <summary>The LiteDB file (Bot:DatabasePath), migrated.</summary>
    public static LiteDatabase OpenLiteDb(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BotOptions>>().Value;
        if (options.Storage != BotStorage.LiteDb)
            throw new InvalidOperationException($"Bot:Storage is '{options.Storage}': there is no LiteDB file; use DocumentDatabase.");
        var path = options.DatabasePath;
        var db = ChatBotDatabase.Open(path.Contains('=') ? path : Path.GetFullPath(path));
        try
        {
            var applied = SchemaMigrator.Migrate(db, services.GetServices<ISchemaMigration>(), name => BackUp(services, db, name), Clock(services));
            services.GetRequiredService<MigrationReport>().Applied(BotStorage.LiteDb, [], applied);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>The data source of ConnectionStrings:Postgres (disposed with the host).</summary>
    public static NpgsqlDataSource PostgresDataSource(IServiceProvider services)
    {
        var connectionString = services.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres;
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("Bot:Storage is postgres but ConnectionStrings:Postgres is empty: set it (docs/deployment.md, PostgreSQL).");
        return NpgsqlDataSource.Create(connectionString);
    }

    private static PostgresDocumentDatabase OpenPostgres(IServiceProvider services)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var clock = Clock(services);
        var schema = PostgresSchema.Migrate(dataSource, clock: clock);
        var db = new PostgresDocumentDatabase(dataSource);
        using var connection = dataSource.OpenConnection();
        using (var take = new NpgsqlCommand($"select pg_advisory_lock({RecordMigrationLock})", connection)) take.ExecuteNonQuery();
        try
        {
            // No file to copy: PostgreSQL is backed up with its own tools (pg_dump, continuous archiving).
            var applied = SchemaMigrator.Migrate(db, services.GetServices<ISchemaMigration>(), backupBefore: null, clock);
            services.GetRequiredService<MigrationReport>().Applied(BotStorage.Postgres, schema.Select(s => $"{s.Version:0000}_{s.Name}").ToList(), applied);
            return db;
        }
        finally
        {
            using var release = new NpgsqlCommand($"select pg_advisory_unlock({RecordMigrationLock})", connection);
            release.ExecuteNonQuery();
        }
    }

    private static TimeProvider Clock(IServiceProvider services) => services.GetRequiredService<TimeProvider>();

    // The backup service's other dependencies need the database this method is still creating, so it gets its own
    // instances here. The dialog-state journal is not open yet; its files stay on disk and are replayed after.
    private static bool BackUp(IServiceProvider services, LiteDatabase db, string migration)
    {
        if (DatabaseBackup.FileOf(db) is null) return true; // in memory: nothing to lose
        var backups = ActivatorUtilities.CreateInstance<BackupService>(services, (DocumentDatabase)db, new WorkspaceStore(db), new OutboxStore(db), (IDialogStateStore)new NoDialogState());
        return backups.BeforeMigration(migration).Verified;
    }

    private sealed class NoDialogState : IDialogStateStore
    {
        public DialogStateRecord? Load(string key) => null;
        public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default) => Task.CompletedTask;
        public void Delete(string key) { }
    }
}
