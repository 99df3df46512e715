using System.Runtime.CompilerServices;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Reminders;

/// <summary>
/// The persistent outbox. Every write is one atomic operation (one document, or one transaction for a batch) under the
/// store's lock, so a crash between any two calls leaves each message either pending (will be sent) or sent/dead
/// (never sent again). Sent and dead messages are kept a while (their keys keep a reminder from being queued twice),
/// then removed by <see cref="RemoveFinished"/>.
/// </summary>
public sealed class OutboxStore : IOwnsCollections
{
    public const string Collection = "outbox";
    public static IReadOnlyList<string> Collections => [Collection];
    // Two stores over one LiteDatabase (two scheduler instances in one process) must share the claim lock and the lanes.
    private static readonly ConditionalWeakTable<DocumentDatabase, Shared> States = new();
    private readonly DocumentDatabase _db;
    private readonly Shared _shared;
    private readonly object _gate;

    private sealed class Shared
    {
        public readonly object Gate = new();
        /// <summary>Pending messages per lane, loaded on first use: asked on every reply, so kept in memory.</summary>
        public Dictionary<string, int>? Lanes;
        public long LastSequence;
    }

    public OutboxStore(DocumentDatabase db)
    {
        _db = db;
        _shared = States.GetValue(db, _ => new Shared());
        _gate = _shared.Gate;
        // Due() filters on the small set of pending messages; sent ones accumulate but are never scanned.
        Messages.EnsureIndex(m => m.Status);
        Messages.EnsureIndex(m => m.WorkspaceId);
        Messages.EnsureIndex(m => m.Lane);
        // RemoveFinished() looks for old messages by the time they were queued, not through every sent one.
        Messages.EnsureIndex(m => m.CreatedUtc);
    }

    /// <summary>Random source for backoff jitter (tests make it fixed).</summary>
    public Func<double> Random { get; set; } = System.Random.Shared.NextDouble;

    private DocumentCollection<OutboxMessage> Messages => _db.Collection<OutboxMessage>(Collection);

    /// <summary>Inserts the message under its deterministic key; false when that key exists (queued, sent or dead).</summary>
    public bool TryEnqueue(OutboxMessage message) => TryEnqueueAll([message]).Count == 1;

    /// <summary>
    /// Queues the messages whose keys are not queued yet, in one transaction: one durable commit for all of them
    /// instead of one each (a Monday reminder tick queues hundreds; one commit each took over a millisecond). All or
    /// none are saved. Returns the messages added. Callers keep batches small (the transaction holds the database).
    /// </summary>
    public IReadOnlyList<OutboxMessage> TryEnqueueAll(IReadOnlyList<OutboxMessage> messages)
    {
        foreach (var message in messages)
        {
            if (string.IsNullOrWhiteSpace(message.Key)) throw new ArgumentException("An outbox message needs a key.", nameof(messages));
            if (message.CreatedUtc == default) message.CreatedUtc = message.DueUtc;
            if (message.NextAttemptUtc == default) message.NextAttemptUtc = message.DueUtc;
        }
        if (messages.Count == 0) return [];
        lock (_gate)
        {
            var added = new List<OutboxMessage>(messages.Count);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var lanes = messages.Any(m => m.Lane is not null) ? LanesLocked() : null;
            var lastSequence = _shared.LastSequence;
            _db.InTransaction(() =>
            {
                foreach (var message in messages)
                {
                    if (!keys.Add(message.Key) || Messages.FindById(message.Key) is not null) continue;
                    if (message.Lane is not null) message.Sequence = ++lastSequence;
                    Messages.Insert(message);
                    added.Add(message);
                }
            });
            // Only what committed counts in memory.
            _shared.LastSequence = lastSequence;
            if (lanes is not null)
                foreach (var m in added)
                    if (m.Lane is not null && m.Status == OutboxStatus.Pending) lanes[m.Lane] = lanes.GetValueOrDefault(m.Lane) + 1;
            return added;
        }
    }

    /// <summary>True while <paramref name="lane"/> has a message waiting: a new one must queue behind it (in memory, cheap).</summary>
    public bool HasPendingInLane(string lane)
    {
        lock (_gate) return LanesLocked().ContainsKey(lane);
    }

    /// <summary>The lane's first pending message: the only one of the lane that may be sent now.</summary>
    public OutboxMessage? LaneHead(string lane)
    {
        lock (_gate)
        {
            if (!LanesLocked().ContainsKey(lane)) return null;
            return Messages.Find(DocumentFilter.Eq(nameof(OutboxMessage.Lane), lane)
                    .And(DocumentFilter.Eq(nameof(OutboxMessage.Status), OutboxStatus.Pending.ToString())))
                .OrderBy(m => m.Sequence).FirstOrDefault();
        }
    }

    private Dictionary<string, int> LanesLocked()
    {
        if (_shared.Lanes is { } lanes) return lanes;
        lanes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in Messages.Find(DocumentFilter.Eq(nameof(OutboxMessage.Status), OutboxStatus.Pending.ToString())))
        {
            if (m.Lane is null) continue;
            lanes[m.Lane] = lanes.GetValueOrDefault(m.Lane) + 1;
            _shared.LastSequence = Math.Max(_shared.LastSequence, m.Sequence);
        }
        return _shared.Lanes = lanes;
    }

    public OutboxMessage? Get(string key) => Messages.FindById(key);

    /// <summary>Which of <paramref name="keys"/> the outbox has, in one query (a reminder tick asks about hundreds).</summary>
    public HashSet<string> Existing(IReadOnlyCollection<string> keys)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0) return found;
        foreach (var doc in _db.Table(Collection).Find(DocumentFilter.In("_id", keys.Select(k => new BsonValue(k)))))
            found.Add(doc["_id"].AsString);
        return found;
    }

    /// <summary>Pending messages whose next attempt is due, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Due(DateTimeOffset now, int max = 50)
    {
        var cutoff = Iso(now);
        return Messages.Find(DocumentFilter.Eq(nameof(OutboxMessage.Status), OutboxStatus.Pending.ToString())
                .And(DocumentFilter.Where(nameof(OutboxMessage.NextAttemptUtc), FilterOperator.LessOrEqual, cutoff)))
            .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Take(max).ToList();
    }

    /// <summary>
    /// Takes a due message for sending: moves its next attempt to now + lease, so no other sender picks it up meanwhile
    /// and, should this process die before MarkSent/MarkFailed, it becomes due again when the lease ends (never lost).
    /// </summary>
    public bool TryClaim(string key, DateTimeOffset now, TimeSpan lease) => Claim(key, now, lease, early: false);

    /// <summary>
    /// Like <see cref="TryClaim"/>, but also while the message waits out a backoff (its conversation just reached the
    /// bot, so the channel is probably back); never while another sender holds it.
    /// </summary>
    public bool TryClaimEarly(string key, DateTimeOffset now, TimeSpan lease) => Claim(key, now, lease, early: true);

    private bool Claim(string key, DateTimeOffset now, TimeSpan lease, bool early)
    {
        lock (_gate)
        {
            var m = Messages.FindById(key);
            if (m is null || m.Status != OutboxStatus.Pending) return false;
            if (m.ClaimedUntilUtc > now || (!early && m.NextAttemptUtc > now)) return false;
            m.NextAttemptUtc = now + lease;
            m.ClaimedUntilUtc = now + lease;
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

    /// <summary>
    /// Counts a failed attempt and schedules the next with backoff; after the policy's last attempt the message is dead.
    /// <paramref name="partsDelivered"/>: how many of its posts went out all the same (never posted again).
    /// </summary>
    public bool MarkFailed(string key, string error, DateTimeOffset now, OutboxRetryPolicy? policy = null, int? partsDelivered = null)
    {
        policy ??= OutboxRetryPolicy.Default;
        return Change(key, m =>
        {
            m.Attempts++;
            m.LastError = Truncate(error);
            if (partsDelivered > m.PartsDelivered) m.PartsDelivered = partsDelivered.Value;
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

    /// <summary>Gives a message up for good (expired, refused by the channel, or waited too long for a conversation reference).</summary>
    public bool MarkDead(string key, string reason, bool attempted = false) => Change(key, m =>
    {
        m.Status = OutboxStatus.Dead;
        m.LastError = Truncate(reason);
        if (attempted) m.Attempts++;
    });

    public IReadOnlyList<OutboxMessage> ForWorkspace(string workspaceId) =>
        Messages.Find(m => m.WorkspaceId == workspaceId).OrderBy(m => m.CreatedUtc).ToList();

    public IReadOnlyList<OutboxMessage> All() => Messages.FindAll().ToList();

    /// <summary>
    /// Removes up to <paramref name="max"/> messages that are finished (sent or given up) and were queued before
    /// <paramref name="queuedBefore"/>, in one transaction; returns how many. Pending messages are never removed. A
    /// removed key could be queued again, so callers keep finished messages longer than any source offers a key.
    /// </summary>
    public int RemoveFinished(DateTimeOffset queuedBefore, int max)
    {
        if (max <= 0) return 0;
        lock (_gate)
        {
            var keys = _db.Table(Collection).Find(
                    DocumentFilter.Where(nameof(OutboxMessage.CreatedUtc), FilterOperator.Less, Iso(queuedBefore))
                        .And(DocumentFilter.Where(nameof(OutboxMessage.Status), FilterOperator.NotEqual, OutboxStatus.Pending.ToString())),
                    limit: max)
                .Select(d => d["_id"]).ToList();
            if (keys.Count == 0) return 0;
            return _db.InTransaction(() => keys.Count(k => Messages.Delete(k)));
        }
    }

    private bool Change(string key, Action<OutboxMessage> change)
    {
        lock (_gate)
        {
            var m = Messages.FindById(key);
            if (m is null || m.Status != OutboxStatus.Pending) return false;
            var lanes = m.Lane is null ? null : LanesLocked(); // loaded while the message still counts as pending
            change(m);
            m.ClaimedUntilUtc = null; // every change ends the sender's hold
            if (!Messages.Update(m)) return false;
            if (lanes is not null && m.Status != OutboxStatus.Pending && lanes.TryGetValue(m.Lane!, out var n))
            {
                if (n <= 1) lanes.Remove(m.Lane!); else lanes[m.Lane!] = n - 1;
            }
            return true;
        }
    }

    private static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("O");

    private static string Truncate(string s) => s.Length <= 500 ? s : s[..500];
}
