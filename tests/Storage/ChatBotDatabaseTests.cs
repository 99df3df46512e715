using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using LiteDB;

namespace ChatBot.Tests.Storage;

public class ChatBotDatabaseTests
{
    private static List<string> Indexes(LiteDatabase db) =>
        db.GetCollection("$indexes").FindAll()
            .Where(d => d["name"].AsString != "_id") // every collection has one; Open creates all collections up front
            .Select(d => $"{d["collection"].AsString}.{d["name"].AsString}={d["expression"].AsString}{(d["unique"].AsBoolean ? " unique" : "")}")
            .Order().ToList();

    [Fact]
    public void Open_creates_the_shared_indexes_as_the_typed_collections_define_them()
    {
        // The definitions typed EnsureIndex calls make: Open must keep producing exactly these (LiteDB refuses a redefinition).
        var typedPath = TempPaths.NewDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(typedPath)!);
        List<string> typed;
        using (var db = new LiteDatabase(new ConnectionString { Filename = typedPath }, ChatBotDatabase.CreateMapper()))
        {
            db.GetCollection<WorkspaceMember>(ChatBotDatabase.Members).EnsureIndex(m => m.UserKey);
            db.GetCollection<WorkspaceMember>(ChatBotDatabase.Members).EnsureIndex(m => m.WorkspaceId);
            db.GetCollection<ProcessedActivity>(ChatBotDatabase.ProcessedActivities).EnsureIndex(p => p.SeenUtc);
            db.GetCollection<AuditEntry>(ChatBotDatabase.Audit).EnsureIndex(a => a.RecordKey);
            // Stores that declare their indexes through IOwnsCollections.EnsureIndexes get them at Open too.
            db.GetCollection<ChatBot.Storage.Board.BoardLink>(ChatBot.Storage.Board.BoardStore.BoardLinks).EnsureIndex(l => l.WorkspaceId);
            db.GetCollection<ChatBot.Storage.PlanTasks.OwnerBinding>(ChatBot.Storage.PlanTasks.OwnerBindingStore.Collection).EnsureIndex(b => b.WorkspaceId);
            db.GetCollection<ChatBot.Storage.Downloads.StoredFile>(ChatBot.Storage.Downloads.LinkStore.Files).EnsureIndex(f => f.ExpiresUtc);
            db.GetCollection<ChatBot.Storage.Downloads.StoredChart>(ChatBot.Storage.Downloads.LinkStore.Charts).EnsureIndex(c => c.Key);
            db.GetCollection<ChatBot.Storage.Downloads.StoredChart>(ChatBot.Storage.Downloads.LinkStore.Charts).EnsureIndex(c => c.ExpiresUtc);
            typed = Indexes(db);
        }

        using (var fresh = ChatBotDatabase.Open(TempPaths.NewDatabase()))
            Assert.Equal(typed, Indexes(fresh));

        // A file whose indexes were made the typed way opens (LiteDB refuses an index redefined differently) unchanged.
        using (var existing = ChatBotDatabase.Open(typedPath))
            Assert.Equal(typed, Indexes(existing));
        Assert.Contains("workspace_members.UserKey=$.UserKey", typed);
    }

    [Fact]
    public void Open_creates_every_collection_empty_so_no_transaction_creates_one()
    {
        var path = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(path))
        {
            Assert.Superset(ChatBotDatabase.Collections.ToHashSet(), db.GetCollectionNames().ToHashSet());
            Assert.All(ChatBotDatabase.Collections, name => Assert.Equal(0, db.GetCollection(name).Count()));
            db.GetCollection(ChatBotDatabase.Audit).Insert(new BsonDocument { ["_id"] = 1 });
        }
        // Reopening an existing file keeps what is in it.
        using (var again = ChatBotDatabase.Open(path))
            Assert.Equal(1, again.GetCollection(ChatBotDatabase.Audit).Count());
    }

    [Fact]
    public void Queries_on_the_indexed_fields_use_the_indexes()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        var members = db.GetCollection<WorkspaceMember>(ChatBotDatabase.Members);
        members.Insert(new WorkspaceMember { Id = "w1|u1", WorkspaceId = "w1", UserKey = "u1" });
        members.Insert(new WorkspaceMember { Id = "w2|u1", WorkspaceId = "w2", UserKey = "u1" });

        Assert.Equal("UserKey", members.Query().Where(m => m.UserKey == "u1").GetPlan()["index"]["name"].AsString);
        Assert.Equal("WorkspaceId", members.Query().Where(m => m.WorkspaceId == "w2").GetPlan()["index"]["name"].AsString);
        Assert.Equal(2, members.Find(m => m.UserKey == "u1").Count());
        Assert.Single(members.Find(m => m.WorkspaceId == "w2"));
    }

    [Fact]
    public async Task A_second_open_of_the_same_file_waits_until_the_first_engine_is_disposed_and_then_sees_its_writes()
    {
        var path = TempPaths.NewDatabase();
        var first = ChatBotDatabase.Open(path);
        first.GetCollection(ChatBotDatabase.Audit).Insert(new BsonDocument { ["_id"] = "written-by-first", ["n"] = 1 });

        // The same file, named another way (relative path): still the same file, still waits.
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        var second = Task.Run(() => ChatBotDatabase.Open(relative));
        await Task.Delay(400);
        Assert.False(second.IsCompleted, "a second engine opened the file while the first was still open");

        first.Dispose();
        using var reopened = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, reopened.GetCollection(ChatBotDatabase.Audit).FindById("written-by-first")["n"].AsInt32);
    }

    [Fact]
    public void A_second_open_that_gives_up_says_the_file_is_open_and_where_it_was_opened()
    {
        var path = TempPaths.NewDatabase();
        using var first = OpenedHere(path);
        var error = Assert.Throws<IOException>(() => ChatBotDatabase.Open(path, TimeSpan.FromMilliseconds(200)));
        Assert.Contains("still open in this process", error.Message);
        Assert.Contains(nameof(OpenedHere), error.Message); // the first opener's stack, to find who forgot to dispose

        // Giving up left nothing claimed: once the first is disposed the file opens at once.
        first.Dispose();
        using var again = ChatBotDatabase.Open(path, TimeSpan.FromMilliseconds(200));
        Assert.NotNull(again.GetCollection(ChatBotDatabase.Audit));
    }

    [Fact]
    public void An_open_that_fails_after_the_engine_started_closes_it_and_leaves_the_file_free()
    {
        // An index named as Open's own but defined differently: LiteDB refuses Open's EnsureIndex on this file.
        var path = TempPaths.NewDatabase();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var other = new LiteDatabase(new ConnectionString { Filename = path }, ChatBotDatabase.CreateMapper()))
            other.GetCollection(ChatBotDatabase.Members).EnsureIndex("UserKey", "LOWER($.UserKey)");

        Assert.ThrowsAny<LiteException>(() => ChatBotDatabase.Open(path));
        // Had the failed Open left its engine open, this one would wait for it and give up with an IOException.
        Assert.ThrowsAny<LiteException>(() => ChatBotDatabase.Open(path, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void Different_files_do_not_wait_for_each_other()
    {
        using var a = ChatBotDatabase.Open(TempPaths.NewDatabase());
        using var b = ChatBotDatabase.Open(TempPaths.NewDatabase(), TimeSpan.FromMilliseconds(1));
        Assert.NotSame(a, b);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static LiteDatabase OpenedHere(string path) => ChatBotDatabase.Open(path);
}
