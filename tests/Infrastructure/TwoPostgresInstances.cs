using ChatBot.Storage.Postgres;
using Npgsql;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// One new PostgreSQL database with the bot's schema, opened twice with a data source each, as two bot processes
/// would have it: nothing in memory (cache, lock) is shared between <see cref="A"/> and <see cref="B"/>.
/// </summary>
internal sealed class TwoPostgresInstances : IDisposable
{
    public TwoPostgresInstances()
    {
        ConnectionString = PostgresServer.NewDatabase();
        var sourceA = NpgsqlDataSource.Create(ConnectionString);
        PostgresSchema.Migrate(sourceA);
        A = new PostgresDocumentDatabase(sourceA, ownsDataSource: true);
        B = new PostgresDocumentDatabase(NpgsqlDataSource.Create(ConnectionString), ownsDataSource: true);
    }

    public string ConnectionString { get; }
    public PostgresDocumentDatabase A { get; }
    public PostgresDocumentDatabase B { get; }

    /// <summary>Runs every call at once (as far as the thread pool allows): each waits for one start signal.</summary>
    public static async Task<T[]> AllAtOnce<T>(IEnumerable<Func<T>> calls)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = calls.Select(call => Task.Run(async () => { await start.Task; return call(); })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
