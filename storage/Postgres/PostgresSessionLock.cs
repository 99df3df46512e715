using Npgsql;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// A role only one instance on a PostgreSQL database may have at a time (the reminder leader, the holder of a WeCom
/// robot's long connection): the instance holding a session advisory lock (<c>pg_try_advisory_lock</c>) on a
/// connection it keeps open for that alone. The server releases the lock the moment that connection ends, so when the
/// holder stops, crashes or is killed, the next instance to ask gets it. A holder checks its connection each time it
/// asks, and lets go as soon as the connection is gone: it can no longer know that nobody else took over.
/// </summary>
public sealed class PostgresSessionLock(NpgsqlDataSource dataSource, long key) : IDisposable
{
    private readonly object _gate = new();
    /// <summary>The connection holding the lock; null while another instance (or nobody) holds it.</summary>
    private NpgsqlConnection? _connection;
    private bool _disposed;

    public long Key => key;

    /// <summary>True while this instance holds the lock, as of the last <see cref="TryHold"/> (no round trip).</summary>
    public bool IsHeld
    {
        get { lock (_gate) return _connection is not null; }
    }

    /// <summary>The server process of the holding connection (tests end it to play a crash); null while not holding.</summary>
    public int? BackendProcessId
    {
        get { lock (_gate) return _connection?.ProcessID; }
    }

    /// <summary>
    /// True when this instance holds the lock now: a holder checks that its connection still works, the others try to
    /// take the lock. Never throws: a database that cannot be reached means "not held" (<paramref name="error"/> says why).
    /// </summary>
    /// <param name="lost">True when this instance held the lock until now and its connection is gone (it does not try to take
    /// the lock again before it is asked the next time).</param>
    public bool TryHold(out bool lost, out Exception? error)
    {
        lost = false;
        error = null;
        lock (_gate)
        {
            if (_disposed) return false;
            if (_connection is not null)
            {
                if (StillConnected(_connection)) return true;
                // Not taken again in the same breath: an instance whose connection died is likely the one in trouble,
                // and the others asking now get the chance to take over.
                lost = true;
                CloseLocked();
                return false;
            }
            NpgsqlConnection? connection = null;
            try
            {
                connection = dataSource.OpenConnection();
                using var take = new NpgsqlCommand($"select pg_try_advisory_lock({key})", connection);
                if (take.ExecuteScalar() is true)
                {
                    _connection = connection;
                    return true;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                error = ex;
            }
            connection?.Dispose();
            return false;
        }
    }

    /// <summary>Gives the lock back (another instance may take it at once); this instance may take it again later.</summary>
    public void Release()
    {
        lock (_gate) CloseLocked();
    }

    private static bool StillConnected(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open) return false;
        try
        {
            using var ping = new NpgsqlCommand("select 1", connection) { CommandTimeout = 5 };
            ping.ExecuteScalar();
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    private void CloseLocked()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null) return;
        try
        {
            // Explicitly: a pooled connection is not reset until it is used again, and would hold the lock meanwhile.
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                using var release = new NpgsqlCommand($"select pg_advisory_unlock({key})", connection) { CommandTimeout = 5 };
                release.ExecuteScalar();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException) { }
        connection.Dispose();
    }

    /// <summary>Gives the lock back and never takes it again (the instance is stopping).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            CloseLocked();
        }
    }
}
