using ChatBot.Storage.Postgres;
using Npgsql;

namespace ChatBot.Bot.Reminders.Leadership;

/// <summary>
/// The reminder leader among instances on one PostgreSQL database: the one holding the session advisory lock
/// <see cref="LockKey"/> (<see cref="PostgresSessionLock"/>). When the leader stops, crashes or is killed, the next
/// follower to ask (every Reminders:LeaderRetry) leads. An instance that does not meet every
/// <see cref="ILeadershipPrerequisite"/> (e.g. it does not hold the WeCom long connection the reminders go out over)
/// neither leads nor keeps the lock.
/// </summary>
internal sealed class PostgresLeadership(NpgsqlDataSource dataSource, ILogger<PostgresLeadership> log,
    IEnumerable<ILeadershipPrerequisite>? prerequisites = null) : IReminderLeadership, IDisposable
{
    /// <summary>The advisory lock key of the reminder leader ('chatremi'); the schema upgrade uses another.</summary>
    internal const long LockKey = 0x63686174_72656d69;

    private readonly PostgresSessionLock _lock = new(dataSource, LockKey);
    private readonly IReadOnlyList<ILeadershipPrerequisite> _prerequisites = prerequisites?.ToList() ?? [];
    private readonly object _gate = new();

    /// <summary>The server process of the leading connection (tests end it to play a crash); null while following.</summary>
    internal int? BackendProcessId => _lock.BackendProcessId;

    public bool TryLead()
    {
        lock (_gate)
        {
            if (_prerequisites.FirstOrDefault(p => !p.IsMet) is { } unmet)
            {
                if (_lock.IsHeld)
                {
                    _lock.Release();
                    log.LogWarning("This instance hands the reminders over to another instance: {Reason}", unmet.Reason);
                }
                return false;
            }
            var led = _lock.IsHeld;
            var leads = _lock.TryHold(out var lost, out var error);
            if (lost) log.LogWarning("This instance lost its connection to PostgreSQL and stops running the reminders; another instance takes over");
            if (error is not null) log.LogWarning(error, "Could not ask PostgreSQL who runs the reminders; asking again later");
            if (leads && !led) log.LogInformation("This instance now runs the reminders (leader on PostgreSQL)");
            return leads;
        }
    }

    public void Dispose() => _lock.Dispose();
}
