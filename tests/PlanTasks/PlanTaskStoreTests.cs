using Xunit.Abstractions;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

public class PlanTaskStoreTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Clerk = new("msteams:user-1", "王小明");

    private static PlanTaskDraft Draft(string title, DateOnly due, string section = "(一)制度建设", params string[] owners) => new()
    {
        PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = section, Title = title, DueDate = due,
        Owners = owners.ToList(), Department = "司法所",
    };

    private static (LiteDB.LiteDatabase Db, PlanTaskStore Store, AuditLog Audit) Open()
    {
        var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        var audit = new AuditLog(db);
        return (db, new PlanTaskStore(db, audit), audit);
    }

    [Fact]
    public void Due_today_is_not_overdue_and_the_yellow_window_is_inclusive()
    {
        var (db, store, _) = Open();
        using var _db = db;
        store.Import("ws", [
            Draft("yesterday", Today.AddDays(-1)), Draft("today", Today), Draft("in3", Today.AddDays(3)), Draft("in4", Today.AddDays(4)),
        ], Clerk, Now);
        Assert.Equal(["yesterday"], store.Overdue("ws", Today).Select(t => t.Title));
        var byTitle = store.All("ws").ToDictionary(t => t.Title);
        Assert.Equal(TaskUrgency.Overdue, byTitle["yesterday"].UrgencyOn(Today, 3));
        Assert.Equal(TaskUrgency.DueSoon, byTitle["today"].UrgencyOn(Today, 3));
        Assert.Equal(TaskUrgency.DueSoon, byTitle["in3"].UrgencyOn(Today, 3));
        Assert.Equal(TaskUrgency.OnTrack, byTitle["in4"].UrgencyOn(Today, 3));
        // The next day, "today" becomes overdue by one day.
        Assert.Equal(["yesterday", "today"], store.Overdue("ws", Today.AddDays(1)).Select(t => t.Title));
        Assert.Equal(1, byTitle["today"].DaysOverdue(Today.AddDays(1)));
    }

    [Fact]
    public void Closed_tasks_and_other_workspaces_are_never_overdue_here()
    {
        var (db, store, audit) = Open();
        using var _db = db;
        store.Import("ws", [Draft("a", Today.AddDays(-5)), Draft("b", Today.AddDays(-5)), Draft("c", Today.AddDays(-5))], Clerk, Now);
        store.Import("other", [Draft("a", Today.AddDays(-5))], Clerk, Now);
        var ids = store.All("ws").ToDictionary(t => t.Title, t => t.Id);
        store.UpdateProgress("ws", ids["b"], 50, "半数完成", Clerk, Now);
        store.Complete("ws", ids["a"], "已完成并归档", Clerk, Now.AddMinutes(5));
        store.Cancel("ws", ids["c"], "并入其他任务", Clerk, Now);
        Assert.Equal(["b"], store.Overdue("ws", Today).Select(t => t.Title));
        Assert.Equal(PlanTaskStatus.InProgress, store.Get("ws", ids["b"])!.Status);
        Assert.Null(store.Get("other", ids["b"])); // ids are not reachable from another workspace
        Assert.Throws<ArgumentException>(() => store.Complete("ws", ids["b"], "  ", Clerk, Now));
        Assert.Equal(["task.import.create", "task.complete"], audit.For(PlanTaskStore.RecordKey(ids["a"])).Select(a => a.Action));
    }

    [Fact]
    public void Reimporting_the_same_plan_updates_instead_of_duplicating()
    {
        var (db, store, audit) = Open();
        using var _db = db;
        var first = store.Import("ws", [Draft("公示制度", Today, owners: "张三"), Draft("案卷评查", Today)], Clerk, Now);
        Assert.Equal((2, 0, 0), (first.Created, first.Updated, first.Unchanged));
        var id = store.All("ws").Single(t => t.Title == "公示制度").Id;
        store.UpdateProgress("ws", id, 40, "进行中", Clerk, Now);

        // Same identity written slightly differently (full-width, spaces, trailing 。) → same task.
        var again = store.Import("ws", [Draft("公示制度。", Today.AddDays(10), "(一) 制度建设", "李四"), Draft("案卷评查", Today), Draft("新任务", Today)], Clerk, Now);
        Assert.Equal((1, 1, 1), (again.Created, again.Updated, again.Unchanged));
        Assert.Equal(3, store.All("ws").Count);
        var updated = store.Get("ws", id)!;
        Assert.Equal(["李四"], updated.Owners);
        Assert.Equal(Today.AddDays(10), updated.DueDate);
        Assert.Equal(40, updated.Progress); // progress survives a re-import
        Assert.Contains(audit.For(PlanTaskStore.RecordKey(id)), a => a.Action == "task.import.update" && a.Details!.Contains("李四"));
    }

    [Fact]
    public void The_overdue_query_over_100000_tasks_returns_the_right_tasks()
    {
        var (db, store, _) = Open();
        using var _db = db;
        var rng = new Random(42);
        var expected = 0;
        var tasks = new List<PlanTask>(100_000);
        for (var i = 0; i < 100_000; i++)
        {
            var ws = i % 10 == 0 ? "ws-target" : $"ws-{i % 37}";
            var due = Today.AddDays(rng.Next(-200, 200));
            var status = (PlanTaskStatus)rng.Next(0, 4);
            if (ws == "ws-target" && due < Today && status is PlanTaskStatus.NotStarted or PlanTaskStatus.InProgress) expected++;
            tasks.Add(new PlanTask
            {
                WorkspaceId = ws, PlanYear = 2026, PlanTitle = "p", Title = $"t{i}", DueDate = due, Status = status,
                IdentityKey = $"{ws}|{i}", CreatedUtc = Now, UpdatedUtc = Now,
            });
        }
        Assert.Equal(100_000, store.BulkInsert(tasks));
        var overdue = store.Overdue("ws-target", Today);
        Assert.Equal(expected, overdue.Count);
        Assert.All(overdue, t => Assert.True(t.WorkspaceId == "ws-target" && t.DueDate < Today && t.IsOpen));
        Assert.True(expected > 1000);

        // Informational only (the benchmark project measures properly): cold (index range scans) and warm query time.
        var cold = System.Diagnostics.Stopwatch.StartNew();
        var fresh = new PlanTaskStore(db, new AuditLog(db));
        Assert.Equal(expected, fresh.Overdue("ws-target", Today).Count);
        output.WriteLine($"overdue over 100,000 tasks, cold: {expected} rows in {cold.Elapsed.TotalMilliseconds:0.0} ms");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100; i++) fresh.Overdue("ws-target", Today.AddDays(-i % 30));
        output.WriteLine($"overdue over 100,000 tasks, warm: {sw.Elapsed.TotalMilliseconds / 100:0.000} ms per query");
        sw.Restart();
        for (var i = 0; i < 5; i++) Assert.Equal(expected, fresh.OpenDueBetween("ws-target", DateOnly.MinValue, Today.AddDays(-1)).Count);
        output.WriteLine($"overdue straight from the index (no list kept): {sw.Elapsed.TotalMilliseconds / 5:0.0} ms per query");
        // A write invalidates the workspace's list: the next query sees it.
        var victim = overdue[0];
        fresh.Complete("ws-target", victim.Id, "已办结", Clerk, Now);
        Assert.Equal(expected - 1, fresh.Overdue("ws-target", Today).Count);
        var plan = db.Execute("EXPLAIN SELECT $ FROM plan_tasks WHERE $.WorkspaceId + '|' + $.Status + '|' + $.DueDate BETWEEN 'ws-target|NotStarted|0001-01-01' AND 'ws-target|NotStarted|2026-03-09'").Current;
        output.WriteLine(plan.ToString());
        Assert.Contains(PlanTaskStore.OverdueIndex, plan.ToString());
    }
}
