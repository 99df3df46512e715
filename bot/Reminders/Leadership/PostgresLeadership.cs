using Npgsql;

namespace ChatBot.Bot.Reminders.Leadership;

/// <summary>
/// The reminder leader among instances on one PostgreSQL database: the one holding a session advisory lock
/// (<c>pg_try_advisory_lock</c>) on a connection it keeps open for that alone. The server releases the lock the moment
/// that connection ends, so when the leader stops, crashes or is killed, the next follower to ask
/// (every Reminders:LeaderRetry) leads. A leader checks its connection each time it is asked, and stops leading as
/// soon as the connection is gone: it can no longer know that no other instance took over.
/// </summary>
internal sealed class PostgresLeadership(NpgsqlDataSource dataSource, ILogger<PostgresLeadership> log) : IReminderLeadership, IDisposable
{
    /// <summary>The advisory lock key of the reminder leader ('chatremi'); the schema upgrade uses another.</summary>
    internal const long LockKey = 0x63686174_72656d69;

    private readonly object _gate = new();
    /// <summary>The connection holding the lock while this instance leads; null while it follows.</summary>
    private NpgsqlConnection? _connection;
    private bool _disposed;

    /// <summary>The server process of the leading connection (tests end it to play a crash); null while following.</summary>
    internal int? BackendProcessId
    {
        get { lock (_gate) return _connection?.ProcessID; }
    }

    public bool TryLead()
    {
        lock (_gate)
        {
            if (_disposed) return false;
            if (_connection is not null)
            {
                if (StillConnected(_connection)) return true;
                log.LogWarning("This instance lost its connection to PostgreSQL and stops running the reminders; another instance takes over");
                Close();
            }
            NpgsqlConnection? connection = null;
            try
            {
                connection = dataSource.OpenConnection();
                using var take = new NpgsqlCommand($"select pg_try_advisory_lock({LockKey})", connection);
                if (take.ExecuteScalar() is true)
                {
                    _connection = connection;
                    log.LogInformation("This instance now runs the reminders (leader on PostgreSQL)");
                    return true;
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                log.LogWarning(ex, "Could not ask PostgreSQL who runs the reminders; asking again later");
            }
            connection?.Dispose();
            return false;
        }
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

    /// <summary>Gives the lock back (when the connection still works) and closes the connection.</summary>
    private void Close()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null) return;
        try
        {
            // Explicitly: a pooled connection is not reset until it is used again, and would hold the lock meanwhile.
            if (connection.FullState == System.Data.ConnectionState.Open)
            {
                using var release = new NpgsqlCommand($"select pg_advisory_unlock({LockKey})", connection) { CommandTimeout = 5 };
                release.ExecuteScalar();
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException) { }
        connection.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Close();
        }
    }
}
