using ChatBot.Storage;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// The two places records can live, for the contract tests: every store test that takes a provider runs once on a
/// new LiteDB file and once on a new PostgreSQL database with the bot's schema.
/// </summary>
public static class StorageProviders
{
    public static TheoryData<string> All => new() { "litedb", "postgres" };

    /// <summary>A new, empty database of the provider; disposing it closes it.</summary>
    public static DocumentDatabase Open(string provider) => provider switch
    {
        "litedb" => new LiteDocumentDatabase(ChatBotDatabase.Open(TempPaths.NewDatabase()), ownsDatabase: true),
        "postgres" => new PostgresDocumentDatabase(PostgresServer.NewMigratedDataSource(), ownsDataSource: true),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "litedb or postgres"),
    };
}
