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
}
