using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Storage;

public class GroupCommitDialogStateStoreTests
{
    [Fact]
    public async Task Concurrent_saves_are_all_durable_once_acknowledged()
    {
        var path = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(path))
        using (var store = new GroupCommitDialogStateStore(db))
        {
            var saves = Enumerable.Range(0, 500).Select(i => Task.Run(() =>
                store.SaveAsync(new DialogStateRecord { Id = $"k{i % 100}", Json = $"{{\"n\":{i}}}", Version = i }))).ToArray();
            await Task.WhenAll(saves);
            // Acknowledged writes are visible immediately.
            Assert.NotNull(store.Load("k99"));
        }
        using (var reopened = ChatBotDatabase.Open(path))
        {
            var all = reopened.GetCollection<DialogStateRecord>(ChatBotDatabase.DialogState).FindAll().ToList();
            Assert.Equal(100, all.Count);
            Assert.All(all, r => Assert.Contains("\"n\":", r.Json));
        }
    }

    [Fact]
    public async Task Within_one_batch_the_last_write_of_a_key_wins()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        using var store = new GroupCommitDialogStateStore(db);
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
        using (var store = new GroupCommitDialogStateStore(db))
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
        using var fresh = new GroupCommitDialogStateStore(reopened);
        Assert.Equal("{\"v\":2}", fresh.Load("k")!.Json);
        Assert.Equal(2, fresh.Load("k")!.Version);
    }
}
