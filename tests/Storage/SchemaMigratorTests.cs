using ChatBot.Bot.Features.Backups;
using ChatBot.Storage;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Migrations;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Storage;

/// <summary>Migrations: applied once each, in order, after a verified backup, and never on a newer database.</summary>
public class SchemaMigratorTests
{
    // A record as an earlier version wrote it: "source" as free text; the new shape has a code. Test migrations use
    // versions above every feature block (91000, 92000), so they run after the real ones.
    private sealed class SourceToCode(int version = 91000) : ISchemaMigration
    {
        public int Version => version;
        public string Name => "test-source-code";
        public int Runs { get; private set; }

        public void Apply(DocumentDatabase db)
        {
            Runs++;
            var things = db.Table("things");
            foreach (var doc in things.Find(null))
            {
                if (doc.ContainsKey("code")) continue; // already migrated: a second run changes nothing
                doc["code"] = doc["source"].AsString == "当事人申请" ? "application" : "other";
                doc.Remove("source");
                things.Update(doc);
            }
        }
    }

    private sealed class Renumber : ISchemaMigration
    {
        public int Version => 92000;
        public string Name => "test-renumber";
        public void Apply(DocumentDatabase db)
        {
            var things = db.Table("things");
            foreach (var doc in things.Find(null))
            {
                // Needs the first migration's field: proves the order.
                doc["label"] = doc["code"].AsString + "-" + doc["_id"].AsInt32;
                things.Update(doc);
            }
        }
    }

    private static string OldDatabase()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1, ["source"] = "当事人申请" });
        db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 2, ["source"] = "法院委托" });
        return path;
    }

    [Fact]
    public void Pending_migrations_run_in_version_order_once_and_are_recorded()
    {
        var path = OldDatabase();
        var first = new SourceToCode();
        using (var db = ChatBotDatabase.Open(path))
        {
            var applied = SchemaMigrator.Migrate(db, [new Renumber(), first]); // registered out of order
            Assert.Equal([91000, 92000], applied.Select(m => m.Version));
            Assert.Equal("application-1", db.GetCollection("things").FindById(1)["label"].AsString);
            Assert.Equal("other-2", db.GetCollection("things").FindById(2)["label"].AsString);
        }
        using (var db = ChatBotDatabase.Open(path))
        {
            Assert.Empty(SchemaMigrator.Migrate(db, [first, new Renumber()]));
            Assert.Equal(1, first.Runs);
            Assert.Equal([91000, 92000], SchemaMigrator.Applied(db).Select(a => a.Version));
        }
    }

    [Fact]
    public void A_migration_added_later_in_a_lower_block_still_runs()
    {
        var path = OldDatabase();
        using var db = ChatBotDatabase.Open(path);
        SchemaMigrator.Migrate(db, [new SourceToCode(91000)]);
        // Another feature's migration with a higher number first, then one of the first feature's block: both run.
        var later = new SourceToCode(91001);
        var applied = SchemaMigrator.Migrate(db, [new SourceToCode(91000), later, new Renumber()]);
        Assert.Equal([91001, 92000], applied.Select(m => m.Version));
        Assert.Equal(1, later.Runs);
    }

    [Fact]
    public void A_database_written_by_a_newer_version_is_refused_and_left_unchanged()
    {
        var path = OldDatabase();
        using var db = ChatBotDatabase.Open(path);
        SchemaMigrator.Migrate(db, [new SourceToCode(), new Renumber()]);
        var older = new SourceToCode();
        var ex = Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Migrate(db, [older]));
        Assert.Contains("92000 test-renumber", ex.Message);
        Assert.Equal(0, older.Runs);
    }

    [Fact]
    public void Without_a_verified_backup_nothing_is_changed()
    {
        var path = OldDatabase();
        using var db = ChatBotDatabase.Open(path);
        var migration = new SourceToCode();
        Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Migrate(db, [migration], backupBefore: _ => false));
        Assert.Equal(0, migration.Runs);
        Assert.Equal("当事人申请", db.GetCollection("things").FindById(1)["source"].AsString);
        Assert.Empty(SchemaMigrator.Applied(db));
    }

    [Fact]
    public void A_new_database_is_marked_as_migrated_without_running_anything_or_taking_a_backup()
    {
        var path = TempPaths.NewDatabase();
        var migration = new SourceToCode();
        using (var db = ChatBotDatabase.Open(path))
        {
            Assert.Empty(SchemaMigrator.Migrate(db, [migration], backupBefore: _ => throw new InvalidOperationException("no backup of an empty database")));
            Assert.Equal(0, migration.Runs);
            Assert.True(Assert.Single(SchemaMigrator.Applied(db)).OnNewDatabase);
            db.GetCollection("things").Insert(new BsonDocument { ["_id"] = 1, ["source"] = "法院委托" }); // written in the new shape's time
        }
        using (var again = ChatBotDatabase.Open(path))
            Assert.Empty(SchemaMigrator.Migrate(again, [migration]));
        Assert.Equal(0, migration.Runs);
    }

    [Fact]
    public void Two_migrations_with_one_version_are_a_programming_error()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Migrate(db, [new SourceToCode(5), new SourceToCode(5)]));
    }

    [Fact]
    public async Task The_bot_migrates_at_start_after_a_verified_pre_migration_backup()
    {
        var path = OldDatabase();
        var migration = new SourceToCode();
        using var host = new BotHost(path, configure: s => s.AddSingleton<ISchemaMigration>(migration));
        await host.SendAsync(Activities.Message("帮助"));
        var db = host.Service<LiteDatabase>();
        Assert.Equal("application", db.GetCollection("things").FindById(1)["code"].AsString);
        Assert.Equal(1, migration.Runs);
        var backup = Assert.Single(host.Service<BackupService>().Folder.List());
        // Named after the first pending migration (the features' own come before the test's, by version).
        Assert.StartsWith(BackupService.PreMigration + "-", backup.Reason);
        Assert.Contains(SchemaMigrator.Applied(db), a => a.Version == migration.Version);
        // The backup holds the records as they were before the migration.
        using var copy = new LiteDatabase($"Filename={backup.File};ReadOnly=true");
        Assert.Equal("当事人申请", copy.GetCollection("things").FindById(1)["source"].AsString);
    }
}
