using System.Runtime.CompilerServices;
using LiteDB;

namespace ChatBot.Storage.Reminders;

/// <summary>How often and how patiently a failed send is retried.</summary>
public sealed record OutboxRetryPolicy(int MaxAttempts = 8, double BaseDelaySeconds = 30, double MaxDelaySeconds = 3600, double Jitter = 0.2)
{
    public static readonly OutboxRetryPolicy Default = new();

    /// <summary>Exponential backoff: base·2^(attempts-1), capped, spread by ±jitter so a recovered channel is not hit all at once.</summary>
    public TimeSpan DelayAfter(int attempts, double random01)
    {
        var seconds = Math.Min(MaxDelaySeconds, BaseDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        var spread = 1 + Jitter * (2 * Math.Clamp(random01, 0, 1) - 1);
        return TimeSpan.FromSeconds(seconds * spread);
    }
}

/// <summary>
/// The persistent outbox. Every write is one atomic single-document operation under the store's lock, so a crash
/// between any two calls leaves each message either pending (will be sent) or sent/dead (never sent again).
/// </summary>
public sealed class OutboxStore
{
    public const string Collection = "outbox";
    // Two stores over one LiteDatabase (two scheduler instances in one process) must share the claim lock.
    private static readonly ConditionalWeakTable<LiteDatabase, object> Locks = new();
    private readonly LiteDatabase _db;
    private readonly object _gate;

    public OutboxStore(LiteDatabase db)
    {
        _db = db;
        _gate = Locks.GetValue(db, _ => new object());
        // Due() filters on the small set of pending messages; sent ones accumulate but are never scanned.
        Messages.EnsureIndex(m => m.Status);
        Messages.EnsureIndex(m => m.WorkspaceId);
    }

    /// <summary>Random source for backoff jitter (tests make it fixed).</summary>
    public Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    private ILiteCollection<OutboxMessage> Messages => _db.GetCollection<OutboxMessage>(Collection);

    /// <summary>Inserts the message under its deterministic key; false when that key exists (queued, sent or dead).</summary>
    public bool TryEnqueue(OutboxMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.Key)) throw new ArgumentException("An outbox message needs a key.", nameof(message));
        if (message.CreatedUtc == default) message.CreatedUtc = message.DueUtc;
        if (message.NextAttemptUtc == default) message.NextAttemptUtc = message.DueUtc;
        lock (_gate)
        {
            if (Messages.FindById(message.Key) is not null) return false;
            try { Messages.Insert(message); }
            catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY) { return false; }
            return true;
        }
    }

    public OutboxMessage? Get(string key) => Messages.FindById(key);

    /// <summary>Pending messages whose next attempt is due, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Due(DateTimeOffset now, int max = 50)
    {
        var cutoff = Iso(now);
        return Messages.Query()
            .Where(Query.EQ(nameof(OutboxMessage.Status), OutboxStatus.Pending.ToString()))
            .Where(Query.LTE(nameof(OutboxMessage.NextAttemptUtc), cutoff))
            .ToEnumerable()
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Take(max).ToList();
    }

    /// <summary>
    /// Takes a due message for sending: moves its next attempt to now + lease, so no other sender picks it up meanwhile
    /// and, should this process die before MarkSent/MarkFailed, it becomes due again when the lease ends (never lost).
    /// </summary>
    public bool TryClaim(string key, DateTimeOffset now, TimeSpan lease)
    {
        lock (_gate)
        {
            var m = Messages.FindById(key);
            if (m is null || m.Status != OutboxStatus.Pending || m.NextAttemptUtc > now) return false;
            m.NextAttemptUtc = now + lease;
            m.LastAttemptUtc = now;
            return Messages.Update(m);
        }
    }

    public bool MarkSent(string key, DateTimeOffset now, string? sentActivityId) => Change(key, m =>
    {
        m.Status = OutboxStatus.Sent;
        m.SentUtc = now;
        m.SentActivityId = sentActivityId;
        m.Attempts++;
        m.LastError = null;
    });

    /// <summary>Counts a failed attempt and schedules the next with backoff; after the policy's last attempt the message is dead.</summary>
    public bool MarkFailed(string key, string error, DateTimeOffset now, OutboxRetryPolicy? policy = null)
    {
        policy ??= OutboxRetryPolicy.Default;
        return Change(key, m =>
        {
            m.Attempts++;
            m.LastError = Truncate(error);
            if (m.Attempts >= policy.MaxAttempts) m.Status = OutboxStatus.Dead;
            else m.NextAttemptUtc = now + policy.DelayAfter(m.Attempts, Random());
        });
    }

    /// <summary>Not sendable yet for a reason that is not a failed attempt (no conversation reference, quiet hours).</summary>
    public bool Defer(string key, DateTimeOffset until, string reason) => Change(key, m =>
    {
        m.NextAttemptUtc = until;
        m.LastError = Truncate(reason);
    });

    /// <summary>Gives a message up for good (expired, or waited too long for a conversation reference).</summary>
    public bool MarkDead(string key, string reason) => Change(key, m =>
    {
        m.Status = OutboxStatus.Dead;
        m.LastError = Truncate(reason);
    });

    public IReadOnlyList<OutboxMessage> ForWorkspace(string workspaceId) =>
        Messages.Find(m => m.WorkspaceId == workspaceId).OrderBy(m => m.CreatedUtc).ToList();

    public IReadOnlyList<OutboxMessage> All() => Messages.FindAll().ToList();

    private bool Change(string key, Action<OutboxMessage> change)
    {
        lock (_gate)
        {
            var m = Messages.FindById(key);
            if (m is null || m.Status != OutboxStatus.Pending) return false;
            change(m);
            return Messages.Update(m);
        }
    }

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("O");

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];
}
