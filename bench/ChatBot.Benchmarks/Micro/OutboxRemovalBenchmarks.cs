using System.Text;
using BenchmarkDotNet.Attributes;
using ChatBot.Bot.Reminders;
using ChatBot.Storage;
using ChatBot.Storage.Reminders;
using LiteDB;

namespace ChatBot.Benchmarks.Micro;

/// <summary>
/// What keeping the outbox bounded costs the scheduler: one removal round (<see cref="ReminderScheduler.RemoveBatch"/>
/// messages older than the retention, one transaction), and the hourly look that finds nothing to remove, on an outbox
/// of 30 days of a big deployment (20,000 sent messages kept, ~2 KB of activity each) plus a backlog of 10,000 old ones.
/// </summary>
[MemoryDiagnoser]
public class OutboxRemovalBenchmarks
{
    private const int Kept = 20_000, Old = 10_000, Pending = 300;
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = Now.AddDays(-30);
    private BenchDatabase _file = null!;
    private LiteDatabase _db = null!;
    private OutboxStore _outbox = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchDatabase("outbox.db");
        _db = _file.Db;
        _outbox = new OutboxStore(_db);
        var messages = new List<OutboxMessage>(Kept + Old + Pending);
        for (var i = 0; i < Kept; i++) messages.Add(Message($"kept/{i}", Now.AddMinutes(-i * 2), OutboxStatus.Sent)); // the last ~28 days
        for (var i = 0; i < Old; i++) messages.Add(Message($"old/{i}", Cutoff.AddMinutes(-1 - i), OutboxStatus.Sent));
        for (var i = 0; i < Pending; i++) messages.Add(Message($"pending/{i}", Now.AddDays(-40), OutboxStatus.Pending));
        _db.GetCollection<OutboxMessage>(OutboxStore.Collection).InsertBulk(messages, 5_000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
    }

    private static readonly byte[] Activity = Encoding.UTF8.GetBytes(
        "{\"type\":\"message\",\"text\":\"" + string.Concat(Enumerable.Repeat("⏰ 逾期任务提醒 ", 120)) + "\"}");

    private static OutboxMessage Message(string key, DateTimeOffset queued, OutboxStatus status) => new()
    {
        Key = key, WorkspaceId = "msteams:t:19:g@thread.v2", Kind = "task.overdue", ActivityUtf8 = Activity,
        DueUtc = queued, CreatedUtc = queued, NextAttemptUtc = queued, Status = status,
        SentUtc = status == OutboxStatus.Sent ? queued : null,
    };

    /// <summary>A removed round is put back (untimed), so every iteration removes a full batch.</summary>
    [IterationSetup(Target = nameof(RemoveOneBatch))]
    public void QueueOldBatch()
    {
        _round++;
        var batch = Enumerable.Range(0, ReminderScheduler.RemoveBatch)
            .Select(i => Message($"old/r{_round}/{i}", Cutoff.AddDays(-1).AddMinutes(-i), OutboxStatus.Sent)).ToList();
        _db.GetCollection<OutboxMessage>(OutboxStore.Collection).InsertBulk(batch);
    }

    [Benchmark(Description = "remove one batch of old finished messages (200, one transaction)")]
    public int RemoveOneBatch() => _outbox.RemoveFinished(Cutoff, ReminderScheduler.RemoveBatch);

    [Benchmark(Description = "the hourly look when nothing is old enough")]
    public int NothingToRemove() => _outbox.RemoveFinished(Cutoff.AddDays(-400), ReminderScheduler.RemoveBatch);
}
