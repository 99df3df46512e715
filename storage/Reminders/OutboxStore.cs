using System.Runtime.CompilerServices;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Reminders;

/// <summary>
/// The persistent outbox. Every write is one atomic operation (one document, or one transaction for a batch) under the
/// store's lock, so a crash between any two calls leaves each message either pending (will be sent) or sent/dead
/// (never sent again). Sent and dead messages are kept a while (their keys keep a reminder from being queued twice),
/// then removed by <see cref="RemoveFinished"/>.
/// On a shared database (PostgreSQL, several instances) what the store remembers in memory cannot be trusted: lanes
/// are read from the database, lane positions come from a database sequence, every read-modify-write holds the row
/// (<see cref="DocumentCollection{T}.FindByIdForUpdate"/>), and senders take due reminders with
/// <see cref="ClaimDue"/> (<c>for update skip locked</c>), so two instances never send one message twice.
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
        /// <summary>Pending messages per lane, loaded on first use: asked on every reply, so kept in memory (embedded
        /// database only: on a shared one another instance changes the lanes).</summary>
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
            var shared = _db.IsShared;
            var lanes = !shared && messages.Any(m => m.Lane is not null) ? LanesLocked() : null;
            var lastSequence = _shared.LastSequence;
            _db.InTransaction(() =>
            {
                added.Clear(); // a transaction PostgreSQL runs again (deadlock) starts over
                keys.Clear();
                foreach (var message in messages)
                {
                    if (!keys.Add(message.Key) || Messages.FindById(message.Key) is not null) continue;
                    if (message.Lane is not null) message.Sequence = shared ? SharedSequence(message.Lane) : ++lastSequence;
                    // Another instance may queue the same key at the same moment: the first insert wins, as here.
                    if (!Messages.TryInsert(message)) continue;
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

    /// <summary>
    /// A lane position no other instance has, behind every message still waiting in the lane (those copied from an
    /// embedded database were numbered by it, not by the sequence).
    /// </summary>
    private long SharedSequence(string lane)
    {
        var next = _db.NextInSequence(PositionSequence);
        var last = PendingInLane(lane).Select(m => m.Sequence).DefaultIfEmpty(0).Max();
        return Math.Max(next, last + 1);
    }

    /// <summary>The database sequence of lane positions (storage/Postgres/Schema/0004_outbox.sql).</summary>
    private const string PositionSequence = "outbox_sequence";

    private static DocumentFilter PendingFilter => DocumentFilter.Eq(nameof(OutboxMessage.Status), OutboxStatus.Pending.ToString());

    private IEnumerable<OutboxMessage> PendingInLane(string lane) =>
        Messages.Find(DocumentFilter.Eq(nameof(OutboxMessage.Lane), lane).And(PendingFilter));

    /// <summary>True while <paramref name="lane"/> has a message waiting: a new one must queue behind it (in memory,
    /// cheap; on a shared database one indexed query).</summary>
    public bool HasPendingInLane(string lane)
    {
        if (_db.IsShared)
            return _db.Table(Collection).Find(DocumentFilter.Eq(nameof(OutboxMessage.Lane), lane).And(PendingFilter), limit: 1).Count > 0;
        lock (_gate) return LanesLocked().ContainsKey(lane);
    }

    /// <summary>The lane's first pending message: the only one of the lane that may be sent now.</summary>
    public OutboxMessage? LaneHead(string lane)
    {
        if (_db.IsShared) return Head(PendingInLane(lane));
        lock (_gate)
        {
            if (!LanesLocked().ContainsKey(lane)) return null;
            return Head(PendingInLane(lane));
        }
    }

    private static OutboxMessage? Head(IEnumerable<OutboxMessage> lane) =>
        lane.OrderBy(m => m.Sequence).ThenBy(m => m.Key, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>The lanes that have a message due (their heads are sent with <see cref="TryClaim"/>, in order), oldest first.</summary>
    public IReadOnlyList<string> DueLanes(DateTimeOffset now, int max = 50) =>
        Messages.Find(PendingFilter
                .And(DocumentFilter.Where(nameof(OutboxMessage.Lane), FilterOperator.NotEqual, BsonValue.Null))
                .And(DocumentFilter.Where(nameof(OutboxMessage.NextAttemptUtc), FilterOperator.LessOrEqual, Iso(now))),
                orderBy: nameof(OutboxMessage.NextAttemptUtc), limit: max)
            .Select(m => m.Lane!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Takes up to <paramref name="max"/> due messages that belong to no lane (reminders), oldest first, for sending:
    /// each is claimed as by <see cref="TryClaim"/>, all in one transaction. Two instances claiming at the same moment
    /// never get the same message (PostgreSQL skips the rows the other one is claiming).
    /// </summary>
    public IReadOnlyList<OutboxMessage> ClaimDue(DateTimeOffset now, int max, TimeSpan lease)
    {
        if (max <= 0) return [];
        var due = PendingFilter
            .And(DocumentFilter.Eq(nameof(OutboxMessage.Lane), BsonValue.Null))
            .And(DocumentFilter.Where(nameof(OutboxMessage.NextAttemptUtc), FilterOperator.LessOrEqual, Iso(now)));
        var mapper = _db.Mapper;
        lock (_gate)
        {
            return _db.Table(Collection).Claim(due, nameof(OutboxMessage.NextAttemptUtc), max, doc =>
                {
                    var m = mapper.ToObject<OutboxMessage>(doc);
                    Lease(m, now, lease);
                    return mapper.ToDocument(m);
                })
                .Select(mapper.ToObject<OutboxMessage>).ToList();
        }
    }

    private static void Lease(OutboxMessage m, DateTimeOffset now, TimeSpan lease)
    {
        m.NextAttemptUtc = now + lease;
        m.ClaimedUntilUtc = now + lease;
        m.LastAttemptUtc = now;
    }

    /// <summary>Gives a claimed message back unsent, due again at <paramref name="nextAttemptUtc"/> (no attempt counted).</summary>
    public bool Release(string key, DateTimeOffset nextAttemptUtc) => Change(key, m => m.NextAttemptUtc = nextAttemptUtc);

    private Dictionary<string, int> LanesLocked()
    {
        if (_shared.Lanes is { } lanes) return lanes;
        lanes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in Messages.Find(PendingFilter))
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
            // The row is held until the claim is saved: another instance claiming it then sees the claim and backs off.
            return _db.InTransaction(() =>
            {
                var m = Messages.FindByIdForUpdate(key);
                if (m is null || m.Status != OutboxStatus.Pending) return false;
                if (m.ClaimedUntilUtc > now || (!early && m.NextAttemptUtc > now)) return false;
                Lease(m, now, lease);
                return Messages.Update(m);
            });
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
            Dictionary<string, int>? lanes = null;
            var m = _db.InTransaction(() =>
            {
                var m = Messages.FindByIdForUpdate(key);
                if (m is null || m.Status != OutboxStatus.Pending) return null;
                // Loaded while the message still counts as pending (the embedded database's lanes live in memory).
                lanes = m.Lane is null || _db.IsShared ? null : LanesLocked();
                change(m);
                m.ClaimedUntilUtc = null; // every change ends the sender's hold
                return Messages.Update(m) ? m : null;
            });
            if (m is null) return false;
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
