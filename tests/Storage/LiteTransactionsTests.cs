using ChatBot.Storage;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Tests.Storage;

public class LiteTransactionsTests
{
    [Fact]
    public void A_write_that_returns_is_committed()
    {
        using var db = ChatBotDatabase.Open(":memory:");
        var result = db.InTransaction(() => { Items(db).Insert(Doc("a")); return 42; });

        Assert.Equal(42, result);
        Assert.Equal(1, Items(db).Count());
    }

    [Fact]
    public void A_write_that_throws_is_rolled_back_and_its_exception_surfaces()
    {
        using var db = ChatBotDatabase.Open(":memory:");
        var thrown = Assert.Throws<InvalidOperationException>(() => db.InTransaction(() =>
        {
            Items(db).Insert(Doc("a"));
            throw new InvalidOperationException("half done");
        }));

        Assert.Equal("half done", thrown.Message);
        Assert.Equal(0, Items(db).Count());
    }

    [Fact]
    public void Inside_an_open_transaction_it_joins_it_and_leaves_the_commit_to_its_opener()
    {
        using var db = ChatBotDatabase.Open(":memory:");
        db.BeginTrans();
        db.InTransaction(() => Items(db).Insert(Doc("a")));
        db.Rollback();

        Assert.Equal(0, Items(db).Count());
    }

    [Fact]
    public void A_write_that_must_own_its_transaction_refuses_to_join_one()
    {
        using var db = ChatBotDatabase.Open(":memory:");
        db.BeginTrans();
        Assert.Throws<InvalidOperationException>(() => db.InTransaction(() => Items(db).Insert(Doc("a")), join: false));
        db.Rollback();
    }

    private static ILiteCollection<BsonDocument> Items(LiteDatabase db) => db.GetCollection("items");

    private static BsonDocument Doc(string id) => new() { ["_id"] = id };
}
