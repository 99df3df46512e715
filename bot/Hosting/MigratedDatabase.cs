using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Backups;
using ChatBot.Storage.Backups;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Migrations;
using ChatBot.Storage.Reminders;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Hosting;

/// <summary>
/// Opens the database and applies the features' pending migrations before anything else can read it: the
/// <see cref="LiteDatabase"/> singleton is created here, so no store sees a record in its old shape. A verified backup
/// is taken first (Backup:Folder, reason "pre-migration-…"); without one the bot does not start and nothing is changed.
/// </summary>
internal static class MigratedDatabase
{
    public static LiteDatabase Open(IServiceProvider services)
    {
        var path = services.GetRequiredService<IOptions<BotOptions>>().Value.DatabasePath;
        var db = ChatBotDatabase.Open(path.Contains('=') ? path : Path.GetFullPath(path));
        try
        {
            var clock = services.GetRequiredService<TimeProvider>();
            var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigratedDatabase).FullName!);
            var applied = SchemaMigrator.Migrate(db, services.GetServices<ISchemaMigration>(), name => BackUp(services, db, name), clock);
            foreach (var m in applied) log.LogInformation("Applied the migration {Version} {Name}", m.Version, m.Name);
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    // The backup service's other dependencies need the database this method is still creating, so it gets its own
    // instances here. The dialog-state journal is not open yet; its files stay on disk and are replayed after.
    private static bool BackUp(IServiceProvider services, LiteDatabase db, string migration)
    {
        if (DatabaseBackup.FileOf(db) is null) return true; // in memory: nothing to lose
        var backups = ActivatorUtilities.CreateInstance<BackupService>(services, db, new WorkspaceStore(db), new OutboxStore(db), (IDialogStateStore)new NoDialogState());
        return backups.BeforeMigration(migration).Verified;
    }

    private sealed class NoDialogState : IDialogStateStore
    {
        public DialogStateRecord? Load(string key) => null;
        public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default) => Task.CompletedTask;
        public void Delete(string key) { }
    }
}
