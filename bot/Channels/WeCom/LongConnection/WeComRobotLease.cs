using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ChatBot.Bot.Reminders.Leadership;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Which instance may hold the smart robot's long connection. WeCom keeps one connection per robot and a new one
/// kicks the old, so of several instances on one PostgreSQL database only the one holding a session advisory lock on
/// the robot (<see cref="KeyOf"/>) connects; the others stand by and ask again every WeCom:RobotLeaseRetry, and one of
/// them takes over when the holder stops or dies. One process on LiteDB always holds it.
/// It is also a prerequisite of the reminder leadership: reminders into the robot's chats, and the answers that waited
/// for the connection, can only go out over it, so the holder runs the reminders.
/// </summary>
internal sealed class WeComRobotLease : ILeadershipPrerequisite, IDisposable
{
    private readonly PostgresSessionLock? _lock;
    private readonly IOptions<WeComOptions> _options;
    private readonly ILogger<WeComRobotLease> _log;
    private volatile bool _needed;

    public WeComRobotLease(DocumentDatabase database, IOptions<WeComOptions> options, ILogger<WeComRobotLease> log)
    {
        _options = options;
        _log = log;
        if (database is PostgresDocumentDatabase postgres && !string.IsNullOrWhiteSpace(options.Value.RobotBotId))
            _lock = new PostgresSessionLock(postgres.DataSource, KeyOf(options.Value.RobotBotId));
    }

    /// <summary>
    /// The advisory lock key of a robot: its BotID hashed, with the top byte 'w', so it is never the reminder
    /// leader's or the schema upgrade's key (both start with 'c').
    /// </summary>
    public static long KeyOf(string botId)
    {
        var hash = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("wecom-robot|" + botId)));
        return (hash & 0x00FF_FFFF_FFFF_FFFF) | ((long)'w' << 56);
    }

    /// <summary>This process, as the log and /healthz name it.</summary>
    public static string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>False on LiteDB: one process, nobody to share the robot with.</summary>
    public bool IsShared => _lock is not null;

    /// <summary>True while this instance holds the robot (as of the last <see cref="TryHold"/>; always on LiteDB).</summary>
    public bool IsHeld => _lock?.IsHeld ?? true;

    /// <summary>The server process of the lock's connection (tests end it to play a crash); null while not holding.</summary>
    internal int? BackendProcessId => _lock?.BackendProcessId;

    /// <summary>
    /// True when this instance holds the robot now (a holder checks that it still does). Logs each change. Never throws.
    /// </summary>
    public bool TryHold()
    {
        _needed = true;
        if (_lock is null) return true;
        var held = _lock.IsHeld;
        var holds = _lock.TryHold(out var lost, out var error);
        var botId = _options.Value.RobotBotId;
        if (error is not null) _log.LogWarning(error, "Could not ask PostgreSQL which instance holds WeCom robot {BotId}'s long connection; asking again later", botId);
        if (lost)
            _log.LogWarning("This instance ({Instance}) lost its PostgreSQL connection and lets go of WeCom robot {BotId}'s long connection; another instance takes over", Instance, botId);
        if (holds && !held)
            _log.LogInformation("This instance ({Instance}) now holds WeCom robot {BotId}'s long connection (PostgreSQL advisory lock {Key})", Instance, botId, _lock.Key);
        return holds;
    }

    /// <summary>Lets another instance take the robot (this one stops).</summary>
    public void Release() => _lock?.Release();

    /// <summary>
    /// As a reminder prerequisite: met unless this instance should hold the robot's connection (long connection mode,
    /// configured) and does not.
    /// </summary>
    public bool IsMet => !_needed || IsHeld;

    public string Reason => $"it does not hold WeCom robot {_options.Value.RobotBotId}'s long connection, which the reminders go out over";

    public void Dispose() => _lock?.Dispose();
}
