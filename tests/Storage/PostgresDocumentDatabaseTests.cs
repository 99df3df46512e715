using ChatBot.Storage.Postgres;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using Npgsql;

namespace ChatBot.Tests.Storage;

/// <summary>The PostgreSQL provider's own behaviour (the stores' contract tests cover the rest on both providers).</summary>
public class PostgresDocumentDatabaseTests
{
    [Fact]
    public async Task A_first_write_to_a_table_inside_a_transaction_needs_no_second_connection()
    {
        // One connection in the pool, and a short wait for one: a second connection asked for inside the transaction
        // would wait for the transaction's own, which is only given back when it ends.
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.NewDatabase()) { MaxPoolSize = 1, Timeout = 5 }.ConnectionString;
        using (var schema = NpgsqlDataSource.Create(connectionString)) PostgresSchema.Migrate(schema);
        using var db = new PostgresDocumentDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);

        // Nothing read before: the table's columns are first needed by the insert inside the transaction.
        var write = Task.Run(() => db.InTransaction(() =>
        {
            db.Table("conversation_refs").Insert(new BsonDocument { ["_id"] = "msteams:conv-1", ["ServiceUrl"] = "https://smba" }, BsonAutoId.ObjectId);
            return db.Table("wecom_settings").FindById("corp") is null;
        }));

        Assert.True(await write.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("https://smba", db.Table("conversation_refs").FindById("msteams:conv-1")!["ServiceUrl"].AsString);
        Assert.Equal(["conversation_refs"], db.CollectionNames().Where(n => n == "conversation_refs"));
    }

    [Fact]
    public void The_collections_are_listed_inside_a_transaction_on_its_connection()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.NewDatabase()) { MaxPoolSize = 1, Timeout = 5 }.ConnectionString;
        using (var schema = NpgsqlDataSource.Create(connectionString)) PostgresSchema.Migrate(schema);
        using var db = new PostgresDocumentDatabase(NpgsqlDataSource.Create(connectionString), ownsDataSource: true);

        var names = db.InTransaction(() => db.CollectionNames());

        Assert.Contains("plan_tasks", names);
        Assert.Contains("conversation_refs", names);
    }
}
