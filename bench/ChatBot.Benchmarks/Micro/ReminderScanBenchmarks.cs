using BenchmarkDotNet.Attributes;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Bot.Features.Study;
using ChatBot.Bot.Reminders;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ChatBot.Benchmarks.Micro;

/// <summary>
/// One reminder-scheduler tick of the two big sources, on a LiteDB file: the plan-task overdue sweep over 100,000
/// tasks (100 groups × 1,000 tasks, about a third overdue and open) and the study reminder scan over 10,000 sessions
/// (500 groups × 20 monthly series). Nothing is queued between ticks, so every tick does the full work (worst case).
/// "cold" builds a fresh PlanTaskStore, i.e. the first tick after a start or after every group's tasks changed.
/// The "already queued" ticks are the steady state: the source has seen the day's keys in the outbox once.
/// </summary>
[MemoryDiagnoser]
// More than ShortRun's 3 + 3: a ~50 ms tick calls many methods only a few times, so their optimised (tier-1) code
// arrives after seconds of warm-up; and the cold ticks run one invocation per iteration, so they need more iterations.
[WarmupCount(12)]
[IterationCount(12)]
public class ReminderScanBenchmarks
{
    private const int TaskGroups = 100, TasksPerGroup = 1_000, StudyGroups = 500, SessionsPerGroup = 20;
    // Tuesday 2026-03-10 10:30 in Shanghai: inside the 09:00 reminder window, a working day.
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly DateTimeOffset NextDay = Now.AddDays(1);
    // Monday 2026-03-09 10:30 in Shanghai: the overdue lists, the escalations and the weekly progress digest of every group.
    private static readonly DateTimeOffset Monday = Now.AddDays(-1);
    private BenchDatabase _file = null!;
    private LiteDatabase _db = null!;
    internal LiteDatabase Database => _db;
    private TaskReminderSource _tasks = null!;
    private TaskReminderSource _queuedTasks = null!;
    private PlanTaskStore _store = null!;
    private string[] _groups = [];
    private StudyReminderSource _study = null!;
    private int _queued;

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchDatabase("reminders.db");
        _db = _file.Db;
        var workspaces = new WorkspaceStore(_db);
        var rng = new Random(7);
        var tasks = new List<PlanTask>(TaskGroups * TasksPerGroup);
        for (var g = 0; g < TaskGroups; g++)
        {
            var ws = $"msteams:t:19:tasks-{g}@thread.v2";
            workspaces.Save(new Workspace { Id = ws, ChannelId = "msteams", ConversationId = $"19:tasks-{g}@thread.v2", IsGroup = true, Admins = ["msteams:admin"], CreatedUtc = Now, LastSeenUtc = Now });
            for (var i = 0; i < TasksPerGroup; i++)
                tasks.Add(new PlanTask
                {
                    WorkspaceId = ws, PlanYear = 2026, PlanTitle = "2026年度工作计划", Section = "一", Title = $"任务{g}-{i}",
                    Owners = [$"责任人{i % 7}"], Department = "党政办", DueDate = Today.AddDays(rng.Next(-200, 200)),
                    Status = (PlanTaskStatus)rng.Next(0, 4), IdentityKey = $"{ws}|{i}", CreatedUtc = Now, UpdatedUtc = Now,
                });
        }
        var audit = new AuditLog(_db);
        new PlanTaskStore(_db, audit).BulkInsert(tasks);

        var sessions = new List<StudySession>(StudyGroups * SessionsPerGroup);
        for (var g = 0; g < StudyGroups; g++)
        {
            var ws = $"msteams:t:19:study-{g}@thread.v2";
            workspaces.Save(new Workspace { Id = ws, ChannelId = "msteams", ConversationId = $"19:study-{g}@thread.v2", IsGroup = true, CreatedUtc = Now, LastSeenUtc = Now });
            for (var s = 0; s < SessionsPerGroup; s++)
                sessions.Add(new StudySession
                {
                    WorkspaceId = ws, Title = $"学法{g}-{s}", Law = "民法典", Format = StudyFormat.Centralized,
                    Rule = new StudyRule { Kind = StudyRuleKind.DayOfMonth, Day = 1 + (g + s) % 28, Start = new TimeOnly(15, 0) },
                    RuleText = "每月", SeriesStartUtc = Now.AddMonths(-6), CreatedUtc = Now, UpdatedUtc = Now,
                });
        }
        _db.GetCollection<StudySession>(StudyStore.Sessions).InsertBulk(sessions, 5000);

        _tasks = NewTaskSource();
        _store = new PlanTaskStore(_db, new AuditLog(_db));
        _groups = Enumerable.Range(0, TaskGroups).Select(g => $"msteams:t:19:tasks-{g}@thread.v2").ToArray();
        // The next day's messages already queued: the tick that runs every minute after the first one of a day. (A
        // different day, so the keys of the other benchmarks' day stay unqueued.)
        var outbox = new OutboxStore(_db);
        _queuedTasks = NewTaskSource();
        _queuedTasks.CollectAsync(NextDay, m => outbox.TryEnqueue(m), default).GetAwaiter().GetResult();
        _study = new StudyReminderSource(new StudyStore(_db), workspaces);
    }

    // A fresh source with fresh stores for each "cold" iteration, built before it: in the bot the stores are
    // singletons built at start-up with the reminder scheduler, so the first tick after a start finds them built
    // and empty (their construction, indexes checked and snapshot format read, is measured on its own below).
    private TaskReminderSource? _coldSource;
    private PlanTaskStore? _coldStore;

    [IterationSetup(Targets = [nameof(OverdueSweepCold), nameof(OverdueSweepColdQueued), nameof(MondaySweepCold), nameof(MondayTickIntoOutboxCold), nameof(WarmUpAfterStart)])]
    public void BuildColdSource() => _coldSource = NewTaskSource();

    /// <summary>A fresh source after the bot's warm-up at start (<see cref="IReminderSource.WarmUp"/>): the first tick after a restart.</summary>
    [IterationSetup(Targets = [nameof(OverdueSweepAfterWarmUp), nameof(MondaySweepAfterWarmUp)])]
    public void BuildWarmedSource()
    {
        BuildColdSource();
        _coldSource!.WarmUp(Now, default);
        // In the bot the warm-up ran hours before the 09:00 tick, and what it read is long in the oldest generation.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [IterationSetup(Target = nameof(OverdueQueryCold))]
    public void BuildColdStore() => _coldStore = new PlanTaskStore(_db, new AuditLog(_db));

    /// <summary>Takes the source <see cref="BuildColdSource"/> made: each is used for one tick only.</summary>
    private TaskReminderSource TakeColdSource()
    {
        var source = _coldSource ?? throw new InvalidOperationException("BuildColdSource did not run before this cold tick.");
        _coldSource = null;
        return source;
    }

    internal TaskReminderSource NewTaskSource() => new(new PlanTaskStore(_db, new AuditLog(_db)), new WorkspaceStore(_db),
        new ConversationReferenceStore(_db), new OutboxStore(_db), Options.Create(new PlanTaskOptions()), Options.Create(new ReminderOptions()),
        ChatBot.Bot.Reminders.Calendar.WorkingCalendar.Load(null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance),
        new ChatBot.Storage.PlanTasks.OwnerBindingStore(_db, new AuditLog(_db)));

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
    }

    private void Count(OutboxMessage _) => _queued++;

    /// <summary>One tick of <paramref name="source"/> at <paramref name="at"/>; returns the messages it offered.</summary>
    private int Tick(IReminderSource source, DateTimeOffset at)
    {
        _queued = 0;
        source.CollectAsync(at, Count, default).GetAwaiter().GetResult();
        return _queued;
    }

    [Benchmark(Description = "task reminder tick, 100k tasks, nothing queued yet (builds 100 lists + escalations)")]
    public int OverdueSweep() => Tick(_tasks, Now);

    [Benchmark(Description = "same, cold store")]
    public int OverdueSweepCold() => Tick(TakeColdSource(), Now);

    [Benchmark(Description = "same, cold store, everything already queued (a restart during the day)")]
    public int OverdueSweepColdQueued() => Tick(TakeColdSource(), NextDay);

    [Benchmark(Description = "task reminder tick on a Monday, nothing queued yet (lists + escalations + 100 weekly digests)")]
    public int MondaySweep() => Tick(_tasks, Monday);

    [Benchmark(Description = "same, cold store (the first tick after a weekend restart)")]
    public int MondaySweepCold() => Tick(TakeColdSource(), Monday);

    [Benchmark(Description = "warm-up after a start: every group's task lists read (once, in the background, before the first tick)")]
    public void WarmUpAfterStart() => TakeColdSource().WarmUp(Now, default);

    [Benchmark(Description = "task reminder tick, the first after a start (after the warm-up)")]
    public int OverdueSweepAfterWarmUp() => Tick(TakeColdSource(), Now);

    [Benchmark(Description = "Monday tick, the first after a start (after the warm-up)")]
    public int MondaySweepAfterWarmUp() => Tick(TakeColdSource(), Monday);

    [Benchmark(Description = "overdue query of every group, 100k tasks, warm")]
    public int OverdueQuery()
    {
        var n = 0;
        foreach (var g in _groups) n += _store.Overdue(g, Today).Count;
        return n;
    }

    [Benchmark(Description = "overdue query of every group, 100k tasks, cold store")]
    public int OverdueQueryCold()
    {
        var store = _coldStore ?? throw new InvalidOperationException("BuildColdStore did not run.");
        _coldStore = null;
        var n = 0;
        foreach (var g in _groups) n += store.Overdue(g, Today).Count;
        return n;
    }

    [Benchmark(Description = "building the task source and its stores (part of start-up, not of a tick)")]
    public object BuildTaskSource() => NewTaskSource();

    [Benchmark(Description = "task reminder tick, everything already queued")]
    public int OverdueSweepQueued() => Tick(_queuedTasks, NextDay);

    [Benchmark(Description = "study reminder scan, 10k sessions")]
    public int StudyScan() => Tick(_study, Now);

    private readonly List<string> _queuedKeys = new();

    [Benchmark(Description = "Monday tick, cold store, messages queued into the outbox as the bot's scheduler does (batches of 50, one durable commit each)")]
    public int MondayTickIntoOutboxCold()
    {
        var outbox = new OutboxStore(_db);
        var batch = new List<OutboxMessage>(ReminderScheduler.QueueBatch);
        var added = 0;
        void Flush()
        {
            foreach (var m in outbox.TryEnqueueAll(batch)) { _queuedKeys.Add(m.Key); added++; }
            batch.Clear();
        }
        TakeColdSource().CollectAsync(Monday, m => { batch.Add(m); if (batch.Count == ReminderScheduler.QueueBatch) Flush(); }, default).GetAwaiter().GetResult();
        Flush();
        return added;
    }

    /// <summary>Takes the queued messages out again, so every iteration queues the same Monday.</summary>
    [IterationCleanup(Target = nameof(MondayTickIntoOutboxCold))]
    public void UnqueueMonday()
    {
        _db.GetCollection(OutboxStore.Collection).DeleteMany(Query.In("_id", _queuedKeys.Select(k => new BsonValue(k))));
        _queuedKeys.Clear();
    }
}
