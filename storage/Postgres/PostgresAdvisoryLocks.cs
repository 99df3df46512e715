using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// Locks that hold across every bot instance on one PostgreSQL database: a session-level advisory lock on the key's
/// 64-bit hash, held on a connection of its own until released. When an instance dies its connections close and the
/// server releases its locks, so a crashed holder never blocks the others.
/// </summary>
public sealed class PostgresAdvisoryLocks(NpgsqlDataSource dataSource)
{
    /// <summary>Waits until no other holder (on any instance) has <paramref name="key"/>, then holds it until disposed.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var take = new NpgsqlCommand("select pg_advisory_lock(hashtextextended($1, 0))", connection);
            take.Parameters.AddWithValue(key);
            // A cancelled wait is cancelled on the server too, so the lock is not taken after we gave up.
            await take.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new Held(connection, key);
    }

    private sealed class Held(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            try
            {
                await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection);
                release.Parameters.AddWithValue(key);
                await release.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // The connection broke: the server has released the lock with it. Not returned to the pool below.
                connection.Close();
            }
            finally { await connection.DisposeAsync(); }
        }
    }
}
