using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Tests.Infrastructure;
using LiteDB;

namespace ChatBot.Tests.Storage;

/// <summary>
/// Dialog state is durable once its journal entry is synced, reaches LiteDB at checkpoints, and is replayed from the
/// journal after a crash. A "crash" here is a copy of the files taken while the store is running: what a process killed
/// at that moment leaves on disk.
/// </summary>
public class JournaledDialogStateStoreTests
{
    [Fact]
    public async Task Concurrent_saves_are_all_in_LiteDB_after_a_clean_stop_and_no_journal_is_left()
    {
        var path = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(path))
        using (var store = new JournaledDialogStateStore(db))
        {
            var saves = Enumerable.Range(0, 500).Select(i => Task.Run(() =>
                store.SaveAsync(new DialogStateRecord { Id = $"k{i % 100}", Json = $"{{\"n\":{i}}}", Version = i }))).ToArray();
            await Task.WhenAll(saves);
            // Acknowledged writes are visible immediately.
            Assert.NotNull(store.Load("k99"));
        }
        Assert.Empty(JournalFiles(path));
        using var reopened = ChatBotDatabase.Open(path);
        var all = reopened.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindAll().ToList();
        Assert.Equal(100, all.Count);
        Assert.All(all, r => Assert.Equal(r.Version, int.Parse(r.Json[5..^1]))); // each key holds one of its own writes
    }

    [Fact]
    public async Task Within_one_batch_the_last_write_of_a_key_wins()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        using var store = new JournaledDialogStateStore(db);
        for (var i = 1; i <= 50; i++)
            _ = store.SaveAsync(new DialogStateRecord { Id = "same", Json = $"{{\"v\":{i}}}", Version = i });
        await store.SaveAsync(new DialogStateRecord { Id = "same", Json = "{\"v\":51}", Version = 51 });
        Assert.Equal(51, store.Load("same")!.Version);
    }

    [Fact]
    public async Task A_loaded_record_is_the_callers_own_copy_and_matches_the_file()
    {
        var path = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(path))
        using (var store = new JournaledDialogStateStore(db))
        {
            Assert.Null(store.Load("k")); // remembered as absent…
            await store.SaveAsync(new DialogStateRecord { Id = "k", Json = "{\"v\":1}", Version = 1 });
            var loaded = store.Load("k")!; // …until it is saved
            Assert.Equal(1, loaded.Version);

            // A turn changes its record before saving; an unsaved change must not leak into the next load.
            loaded.Json = "{\"v\":2}";
            loaded.Version = 2;
            Assert.Equal("{\"v\":1}", store.Load("k")!.Json);

            await store.SaveAsync(loaded);
            loaded.Json = "{\"v\":3}";
            Assert.Equal("{\"v\":2}", store.Load("k")!.Json);
        }
        using var reopened = ChatBotDatabase.Open(path);
        using var fresh = new JournaledDialogStateStore(reopened);
        Assert.Equal("{\"v\":2}", fresh.Load("k")!.Json);
        Assert.Equal(2, fresh.Load("k")!.Version);
    }

    [Fact]
    public async Task A_save_is_in_the_journal_when_it_completes_and_a_crash_copy_replays_it()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        using var store = new JournaledDialogStateStore(db);
        for (var i = 1; i <= 20; i++)
        {
            await store.SaveAsync(new DialogStateRecord { Id = $"k{i % 3}", Json = $"{{\"v\":{i}}}", Version = i });

            var copy = CrashCopy(path);
            using (var plain = new LiteDatabase(copy)) // what LiteDB alone has: no checkpoint has run yet
                Assert.Null(plain.GetCollection(ChatBotDatabase.DialogState).FindById($"k{i % 3}"));
            using var recovered = ChatBotDatabase.Open(copy);
            using (var replayed = new JournaledDialogStateStore(recovered))
                Assert.Equal(i, replayed.Load($"k{i % 3}")!.Version);
            // The replay put it in LiteDB and removed the journal files it came from.
            Assert.Equal(i, recovered.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindById($"k{i % 3}").Version);
        }
    }

    [Fact]
    public async Task A_torn_last_entry_is_ignored_and_whole_entries_before_it_are_replayed()
    {
        var path = NewDatabaseWithItsFolder();
        var first = Upsert("a", 1);
        var second = Upsert("b", 1);
        var torn = Upsert("a", 2);
        await File.WriteAllBytesAsync(DialogStateJournal.PathOf(path, 3), [.. first, .. second, .. torn[..(torn.Length / 2)], .. new byte[torn.Length]]);

        using var db = ChatBotDatabase.Open(path);
        using var store = new JournaledDialogStateStore(db);
        Assert.Equal(1, store.Load("a")!.Version); // the torn write of version 2 was never acknowledged
        Assert.Equal(1, store.Load("b")!.Version);
        Assert.DoesNotContain(JournalFiles(path), f => f.EndsWith("-000003.journal", StringComparison.Ordinal));
        // New files continue after the replayed generation, so a later replay keeps the order of writes.
        Assert.All(JournalFiles(path), f => Assert.True(Generation(f) > 3, f));
    }

    [Fact]
    public async Task A_damaged_entry_stops_the_replay_of_its_file_there()
    {
        var path = NewDatabaseWithItsFolder();
        var good = Upsert("a", 1);
        var damaged = Upsert("a", 2);
        damaged[^3] ^= 0xFF; // flipped bits: the checksum no longer matches
        var after = Upsert("a", 3);
        await File.WriteAllBytesAsync(DialogStateJournal.PathOf(path, 1), [.. good, .. damaged, .. after]);

        using var db = ChatBotDatabase.Open(path);
        using var store = new JournaledDialogStateStore(db);
        Assert.Equal(1, store.Load("a")!.Version);
    }

    [Fact]
    public async Task Journal_files_are_replayed_oldest_first_and_a_removal_is_replayed_too()
    {
        var path = NewDatabaseWithItsFolder();
        await File.WriteAllBytesAsync(DialogStateJournal.PathOf(path, 9), [
            .. Upsert("a", 1),
            .. Upsert("gone", 1)]);
        await File.WriteAllBytesAsync(DialogStateJournal.PathOf(path, 10), [
            .. Upsert("a", 2),
            .. DialogStateJournal.Entry(DialogStateJournal.Delete, new BsonDocument { ["_id"] = "gone" })]);

        using var db = ChatBotDatabase.Open(path);
        using var store = new JournaledDialogStateStore(db);
        Assert.Equal(2, store.Load("a")!.Version);
        Assert.Null(store.Load("gone"));
        Assert.Null(db.GetCollection(ChatBotDatabase.DialogState).FindById("gone"));
    }

    [Fact]
    public async Task Full_journal_files_are_checkpointed_into_LiteDB_and_removed_while_saves_go_on()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        using var store = new JournaledDialogStateStore(db, capacity: 8 * 1024); // a few dozen entries a file
        var padding = new string('x', 300);
        for (var i = 1; i <= 400; i++)
            await store.SaveAsync(new DialogStateRecord { Id = $"k{i % 7}", Json = $"{{\"v\":{i},\"p\":\"{padding}\"}}", Version = i });

        // Every file but the current and the prepared one gets checkpointed and removed.
        var states = db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState);
        await Poll.Eventually(() => JournalFiles(path).Count <= 2 && states.Count() == 7, "the checkpoints of the full files", 20);
        Assert.Null(store.LastCheckpointError);
        Assert.All(states.FindAll(), r => Assert.True(r.Version > 300, $"{r.Id}: version {r.Version} in LiteDB after many checkpoints"));
        for (var k = 0; k < 7; k++)
            Assert.Equal(400 - (400 - k) % 7, store.Load($"k{k}")!.Version); // the store answers with the newest

        // A crash now: LiteDB holds the checkpoints, the current file the rest.
        var copy = CrashCopy(path);
        using var recovered = ChatBotDatabase.Open(copy);
        using var replayed = new JournaledDialogStateStore(recovered);
        for (var k = 0; k < 7; k++)
            Assert.Equal(400 - (400 - k) % 7, replayed.Load($"k{k}")!.Version);
    }

    [Fact]
    public async Task A_removed_state_stays_removed_after_a_crash_even_when_LiteDB_had_it()
    {
        var path = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(path))
        using (var store = new JournaledDialogStateStore(db))
            await store.SaveAsync(new DialogStateRecord { Id = "k", Json = "{}", Version = 1 }); // checkpointed at the stop

        using (var db = ChatBotDatabase.Open(path))
        using (var store = new JournaledDialogStateStore(db))
        {
            store.Delete("k");
            Assert.Null(store.Load("k"));
            var copy = CrashCopy(path);
            using var recovered = ChatBotDatabase.Open(copy);
            Assert.NotNull(recovered.GetCollection(ChatBotDatabase.DialogState).FindById("k")); // LiteDB alone still has it
            using var replayed = new JournaledDialogStateStore(recovered);
            Assert.Null(replayed.Load("k"));
        }
    }

    [Fact]
    public async Task A_database_in_memory_keeps_state_without_a_journal()
    {
        using var db = ChatBotDatabase.Open(":memory:");
        using var store = new JournaledDialogStateStore(db);
        await store.SaveAsync(new DialogStateRecord { Id = "k", Json = "{}", Version = 3 });
        Assert.Equal(3, db.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindById("k").Version);
        store.Delete("k");
        Assert.Null(store.Load("k"));
    }

    [Fact]
    public async Task A_save_after_the_store_is_stopped_fails_instead_of_being_lost()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        var store = new JournaledDialogStateStore(db);
        store.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SaveAsync(new DialogStateRecord { Id = "k", Json = "{}", Version = 1 }));
    }

    [Fact]
    public async Task The_bot_replays_a_journal_left_by_a_crash_before_it_says_it_is_ready()
    {
        var path = NewDatabaseWithItsFolder();
        await File.WriteAllBytesAsync(DialogStateJournal.PathOf(path, 4),
            Upsert("msteams:t:c:u", 7));

        using var host = new BotHost(path);
        using var http = host.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        // No turn has run: the replay happened at start, into LiteDB, and the crashed process's file is gone.
        Assert.Equal(7, host.Service<LiteDatabase>().GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindById("msteams:t:c:u").Version);
        Assert.DoesNotContain(JournalFiles(path), f => Generation(f) == 4);
    }

    [Fact]
    public async Task A_failing_checkpoint_is_reported_keeps_its_journal_and_the_next_start_replays_it()
    {
        var path = TempPaths.NewDatabase();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var db = ChatBotDatabase.Open(path);
        using (var store = new JournaledDialogStateStore(db, capacity: 4 * 1024, errors.Enqueue))
        {
            db.Dispose(); // LiteDB is gone: no checkpoint can be written any more, saves still can
            var padding = new string('x', 300);
            for (var i = 1; i <= 40; i++)
                await store.SaveAsync(new DialogStateRecord { Id = "a", Json = $"{{\"p\":\"{padding}\"}}", Version = i });
            await Poll.Eventually(() => !errors.IsEmpty, "the checkpoint failure to be reported", 20);
            Assert.NotNull(store.LastCheckpointError); // LiteDB says it is closed
            Assert.Single(errors); // the first failure of a run is reported, not every retry
            Assert.Equal(40, store.Load("a")!.Version);
        }
        Assert.NotEmpty(JournalFiles(path));

        using var reopened = ChatBotDatabase.Open(path);
        using var replayed = new JournaledDialogStateStore(reopened);
        Assert.Equal(40, replayed.Load("a")!.Version);
    }

    [Fact]
    public void A_second_store_on_the_same_database_is_refused_until_the_first_is_stopped()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        var first = new JournaledDialogStateStore(db);
        var refused = Assert.Throws<InvalidOperationException>(() => new JournaledDialogStateStore(db));
        Assert.Contains("already has a dialog-state store", refused.Message);
        Assert.NotEmpty(JournalFiles(path)); // the refused one did not replay (delete) the first one's files
        first.Dispose();
        using var second = new JournaledDialogStateStore(db);
    }

    [Fact]
    public void A_failed_append_is_zeroed_so_neither_it_nor_anything_after_the_next_append_is_replayed()
    {
        var path = NewDatabaseWithItsFolder();
        using (var journal = DialogStateJournal.Create(path, 1, 64 * 1024))
        {
            journal.AppendAndSync(Upsert("a", 1));
            // Two entries reach the file, then the sync fails: the callers are told their saves failed.
            journal.AfterWriteForTests = () => throw new IOException("disk said no");
            byte[] failed = [.. Upsert("x", 2),
                .. Upsert("b", 2)];
            Assert.Throws<IOException>(() => journal.AppendAndSync(failed));
            Assert.False(journal.Broken);
            journal.AfterWriteForTests = null;
            // The next append lands where the failed one began, exactly as long as its first entry: "b" would follow it whole.
            journal.AppendAndSync(Upsert("c", 3));
        }
        var replayed = DialogStateJournal.Read(DialogStateJournal.PathOf(path, 1)).Select(e => e.Document["_id"].AsString).ToList();
        Assert.Equal(["a", "c"], replayed); // "b", acknowledged as failed, must not come back
    }

    private static byte[] Upsert(string id, int version) => DialogStateJournal.Entry(DialogStateJournal.Upsert, Document(id, version));

    private static string NewDatabaseWithItsFolder()
    {
        var path = TempPaths.NewDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private static BsonDocument Document(string id, int version) =>
        ChatBotDatabase.CreateMapper().ToDocument(new DialogStateRecord { Id = id, Json = "{}", Version = version });

    /// <summary>Copies the database, LiteDB's log and the journal files, as a process killed now leaves them.</summary>
    private static string CrashCopy(string path)
    {
        var copy = TempPaths.NewDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        foreach (var journal in JournalFiles(path))
            File.Copy(journal, Path.Combine(Path.GetDirectoryName(copy)!, Path.GetFileName(journal)));
        File.Copy(path, copy);
        var log = DurableCommits.LogFileOf(path);
        if (File.Exists(log)) File.Copy(log, DurableCommits.LogFileOf(copy));
        return copy;
    }

    private static List<string> JournalFiles(string path) => [.. DialogStateJournal.Existing(path).Select(f => f.Path)];

    private static long Generation(string file) => long.Parse(Path.GetFileNameWithoutExtension(file)[^6..]);
}
