using BenchmarkDotNet.Attributes;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using LiteDB;

namespace ChatBot.Benchmarks.Micro;

/// <summary>
/// What a user's write to a task costs (one transaction with its audit entry), in a group of 1,000 tasks (about half
/// open) among 100 such groups: the price of keeping the reminders' per-group task lists on every write.
/// </summary>
[MemoryDiagnoser]
public class PlanTaskWriteBenchmarks
{
    private const int Groups = 100, TasksPerGroup = 1_000;
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly Actor Clerk = new("msteams:29:clerk", "王小明");
    private const string Ws = "msteams:t:19:tasks-0@thread.v2";
    private BenchDatabase _file = null!;
    private LiteDatabase _db = null!;
    private PlanTaskStore _store = null!;
    private PlanTask[] _open = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchDatabase("tasks.db");
        _db = _file.Db;
        var rng = new Random(7);
        var tasks = new List<PlanTask>(Groups * TasksPerGroup);
        for (var g = 0; g < Groups; g++)
        {
            var ws = $"msteams:t:19:tasks-{g}@thread.v2";
            for (var i = 0; i < TasksPerGroup; i++)
                tasks.Add(new PlanTask
                {
                    WorkspaceId = ws, PlanYear = 2026, PlanTitle = "2026年度工作计划", Section = "一", Title = $"任务{g}-{i}",
                    Owners = [$"责任人{i % 7}"], Department = "党政办", DueDate = Today.AddDays(rng.Next(-200, 200)),
                    Status = (PlanTaskStatus)rng.Next(0, 4), IdentityKey = PlanTask.Identity(ws, 2026, "2026年度工作计划", "一", $"任务{g}-{i}"),
                    CreatedUtc = Now, UpdatedUtc = Now,
                });
        }
        _store = new PlanTaskStore(_db, new AuditLog(_db));
        _store.BulkInsert(tasks);
        _open = _store.Open(Ws).ToArray();
        _store.Overdue(Ws, Today); // the lists in memory, as in a running bot
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _file.Dispose();
    }

    private PlanTask NextOpen() => _open[_next++ % _open.Length];

    [Benchmark(Description = "progress update of an open task (group of 1,000 tasks)")]
    public int UpdateProgress()
    {
        var t = NextOpen();
        return _store.UpdateProgress(Ws, t.Id, 50, "进展", Clerk, Now)!.Progress;
    }

    [Benchmark(Description = "edit an open task's due date (group of 1,000 tasks)")]
    public int EditDueDate()
    {
        var t = NextOpen();
        var current = _store.Get(Ws, t.Id)!;
        var draft = new PlanTaskDraft
        {
            PlanYear = current.PlanYear, PlanTitle = current.PlanTitle, Section = current.Section, Title = current.Title,
            Owners = current.Owners, Department = current.Department, DueDate = current.DueDate.AddDays(current.DueDate.DayNumber % 2 == 0 ? 1 : -1),
        };
        return _store.Edit(Ws, t.Id, draft, Clerk, Now)!.Id;
    }
}
