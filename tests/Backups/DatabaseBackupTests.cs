using System.Collections.Concurrent;
using ChatBot.Storage;
using ChatBot.Storage.Backups;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Backups;

/// <summary>A backup taken while the bot writes is whole, restorable, and holds everything acknowledged before it.</summary>
public class DatabaseBackupTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 2, 18, 30, 0, TimeSpan.Zero));
    private const string Cases = "mediation_cases", Parties = "backup_test_parties";

    [Fact]
    public async Task A_backup_under_write_load_restores_to_a_consistent_prefix_of_what_was_acknowledged()
    {
        var path = TempPaths.NewDatabase();
        var backup = Path.Combine(Path.GetDirectoryName(path)!, "copy", "backup.db");
        const int Writers = 4;
        var acknowledged = new long[Writers]; // last turn of each writer whose records and dialog state are both saved
        var ackedAtBackup = new long[Writers];
        BackupCopy copy;
        using (var db = ChatBotDatabase.Open(path))
        using (var states = new JournaledDialogStateStore(db, 16 * 1024)) // small journal files: rotations and checkpoints during the load
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (long turn = 1; !stop.IsCancellationRequested; turn++)
                {
                    // One "case" is two documents in two collections, written in one transaction (as a case and its counter are).
                    db.BeginTrans();
                    db.GetCollection(Cases).Insert(new BsonDocument { ["_id"] = $"w{w}-{turn}", ["writer"] = w, ["turn"] = turn, ["text"] = new string('案', 300) });
                    db.GetCollection(Parties).Insert(new BsonDocument { ["_id"] = $"w{w}-{turn}", ["turn"] = turn });
                    db.Commit();
                    await states.SaveAsync(new DialogStateRecord { Id = $"conv-{w}", Json = $"{{\"turn\":{turn}}}", Version = (int)turn });
                    Volatile.Write(ref acknowledged[w], turn);
                }
            })).ToArray();
            while (acknowledged.Min() < 50) await Task.Delay(10);
            for (var w = 0; w < Writers; w++) ackedAtBackup[w] = Volatile.Read(ref acknowledged[w]);
            copy = DatabaseBackup.Copy(db, backup, states, Clock);
            // The load goes on after the copy, until every writer is past what the copy can hold (all its cases together).
            while (acknowledged.Min() <= copy.Counts[Cases]) await Task.Delay(10);
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        Assert.False(File.Exists(DurableCommits.LogFileOf(backup)), "the backup is one file, with no LiteDB log beside it");
        Assert.True(BackupVerifier.Verify(backup, copy.Counts, copy.Sha256).Ok);
        var restoredPath = TempPaths.NewDatabase();
        DatabaseRestore.Restore(backup, restoredPath, Clock.GetUtcNow());
        using var restored = ChatBotDatabase.Open(restoredPath);
        for (var w = 0; w < Writers; w++)
        {
            var turns = restored.GetCollection(Cases).Find(Query.EQ("writer", w)).Select(d => d["turn"].AsInt64).Order().ToList();
            var last = turns.Count;
            Assert.Equal(Enumerable.Range(1, last).Select(i => (long)i), turns); // a prefix: no gap, nothing later without what came before
            Assert.True(last >= ackedAtBackup[w], $"writer {w}: {last} turns in the backup, {ackedAtBackup[w]} acknowledged before it began");
            Assert.True(last < acknowledged[w], "the backup is a copy of its moment, not of the end");
            foreach (var turn in turns) // no half-written case: both documents of every turn, or neither
                Assert.NotNull(restored.GetCollection(Parties).FindById($"w{w}-{turn}"));
            Assert.Equal(last, restored.GetCollection(Parties).Count(Query.StartsWith("_id", $"w{w}-")));
            var state = restored.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindById($"conv-{w}");
            Assert.NotNull(state);
            Assert.True(state.Version >= ackedAtBackup[w], $"writer {w}: dialog state {state.Version}, {ackedAtBackup[w]} acknowledged before the backup");
            Assert.InRange(state.Version, last - 1, last); // the state saved right after the last turn's records, or the one before
        }
    }

    [Fact]
    public async Task Dialog_state_still_in_the_journal_is_in_the_backup()
    {
        var path = TempPaths.NewDatabase();
        var backup = Path.Combine(Path.GetDirectoryName(path)!, "backup.db");
        using var db = ChatBotDatabase.Open(path);
        using var states = new JournaledDialogStateStore(db); // 4 MB journal: nothing is checkpointed into LiteDB yet
        await states.SaveAsync(new DialogStateRecord { Id = "conv-a", Json = "{\"step\":3}", Version = 3 });
        await states.SaveAsync(new DialogStateRecord { Id = "conv-b", Json = "{}", Version = 1 });
        states.Delete("conv-b");
        Assert.Equal(0, db.GetCollection(ChatBotDatabase.DialogState).Count());

        var copy = DatabaseBackup.Copy(db, backup, states, Clock);

        Assert.Equal(1, copy.Counts[ChatBotDatabase.DialogState]);
        using var opened = new LiteDatabase(new ConnectionString { Filename = backup, ReadOnly = true }, ChatBotDatabase.CreateMapper());
        var saved = opened.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindAll().ToList();
        Assert.Equal("conv-a", Assert.Single(saved).Id);
        Assert.Equal(3, saved[0].Version);
    }

    [Fact]
    public void Verification_detects_a_damaged_backup()
    {
        var path = TempPaths.NewDatabase();
        var backup = Path.Combine(Path.GetDirectoryName(path)!, "backup.db");
        BackupCopy copy;
        using (var db = ChatBotDatabase.Open(path))
        {
            for (var i = 0; i < 300; i++) db.GetCollection(Cases).Insert(new BsonDocument { ["_id"] = i, ["text"] = new string('调', 200 + i) });
            copy = DatabaseBackup.Copy(db, backup, null, Clock);
        }
        Assert.True(BackupVerifier.Verify(backup, copy.Counts, copy.Sha256).Ok);

        // A disk error: garbage over the data pages in the second half of the file.
        var bytes = File.ReadAllBytes(backup);
        var random = new Random(7);
        for (var page = bytes.Length / 8192 / 2; page < bytes.Length / 8192; page++)
            random.NextBytes(bytes.AsSpan(page * 8192 + 32, 8192 - 64)); // the page bodies, headers left alone
        File.WriteAllBytes(backup, bytes);

        Assert.False(BackupVerifier.Verify(backup, copy.Counts, copy.Sha256).Ok); // the checksum differs
        var byContent = BackupVerifier.Verify(backup, copy.Counts); // and, without it, reading every document finds it
        Assert.False(byContent.Ok);
        Assert.NotNull(byContent.Problem);
    }

    [Fact]
    public void Restore_refuses_while_a_bot_holds_the_database_and_changes_nothing()
    {
        var path = TempPaths.NewDatabase();
        var backup = Path.Combine(Path.GetDirectoryName(path)!, "backup.db");
        using (var db = ChatBotDatabase.Open(path))
        {
            db.GetCollection(Cases).Insert(new BsonDocument { ["_id"] = 1 });
            DatabaseBackup.Copy(db, backup, null, Clock);
        }
        using var live = ChatBotDatabase.Open(path); // the running bot
        live.GetCollection(Cases).Insert(new BsonDocument { ["_id"] = 2 });

        var refused = Assert.Throws<RestoreRefusedException>(() => DatabaseRestore.Restore(backup, path, Clock.GetUtcNow()));
        Assert.Contains("in use", refused.Message);
        Assert.True(DatabaseRestore.IsInUse(path));
        Assert.Equal(2, live.GetCollection(Cases).Count());
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(path)!, "*.replaced-*"));
    }

    [Fact]
    public async Task Restore_moves_the_replaced_database_and_its_journal_aside_and_puts_the_backup_in_place()
    {
        var path = TempPaths.NewDatabase();
        var backup = Path.Combine(Path.GetDirectoryName(path)!, "backups", "backup.db");
        using (var db = ChatBotDatabase.Open(path))
        using (var states = new JournaledDialogStateStore(db))
        {
            db.GetCollection(Cases).Insert(new BsonDocument { ["_id"] = 1 });
            await states.SaveAsync(new DialogStateRecord { Id = "conv", Json = "{\"at\":\"backup\"}", Version = 1 });
            var copy = DatabaseBackup.Copy(db, backup, states, Clock);
            new BackupManifest { Counts = new(copy.Counts), Sha256 = copy.Sha256 }.Save(backup);
            db.GetCollection(Cases).Insert(new BsonDocument { ["_id"] = 2 }); // a mistake after the backup
        }
        // A journal file a crash left behind: replayed at the next start, it must not land on the restored data.
        using (var leftover = DialogStateJournal.Create(path, 99, 4096))
            leftover.AppendAndSync(DialogStateJournal.Entry(DialogStateJournal.Upsert, new BsonDocument { ["_id"] = "conv", ["Json"] = "{\"at\":\"crash\"}", ["Version"] = 9 }));

        var result = DatabaseRestore.Restore(backup, path, Clock.GetUtcNow());

        Assert.Equal(2, result.Before![Cases]);
        Assert.Equal(1, result.After[Cases]);
        Assert.NotNull(result.ReplacedFolder);
        Assert.True(File.Exists(Path.Combine(result.ReplacedFolder, "chatbot.db")));
        Assert.Single(Directory.GetFiles(result.ReplacedFolder, "*.journal"));
        using var db2 = ChatBotDatabase.Open(path);
        using var states2 = new JournaledDialogStateStore(db2);
        Assert.Equal("{\"at\":\"backup\"}", states2.Load("conv")!.Json);
        Assert.Null(db2.GetCollection(Cases).FindById(2));
    }

    [Fact]
    public void Restore_refuses_a_backup_whose_checksum_no_longer_matches()
    {
        var path = TempPaths.NewDatabase();
        var backup = Path.Combine(Path.GetDirectoryName(path)!, "backup.db");
        using (var db = ChatBotDatabase.Open(path))
        {
            db.GetCollection(Cases).Insert(new BsonDocument { ["_id"] = 1 });
            var copy = DatabaseBackup.Copy(db, backup, null, Clock);
            new BackupManifest { Counts = new(copy.Counts), Sha256 = copy.Sha256 }.Save(backup);
        }
        using (var f = new FileStream(backup, FileMode.Open)) { f.Position = f.Length - 100; f.WriteByte(0x5a); }
        var before = File.ReadAllBytes(path);

        var refused = Assert.Throws<RestoreRefusedException>(() => DatabaseRestore.Restore(backup, path, Clock.GetUtcNow()));
        Assert.Contains("checksum", refused.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
