using System.Reflection;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;
using LiteDB;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// The task lists the store answers Open/Overdue/Done from (in memory, loaded from per-workspace snapshot documents)
/// must always equal what the tasks collection says: after every kind of write, in the writing store and in a fresh
/// one (a restart), for a database written before snapshots existed, and after a write that failed.
/// </summary>
public class TaskListTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Clerk = new("msteams:user-1", "王小明");
    private static readonly BsonMapper Mapper = ChatBotDatabase.CreateMapper();

    private static PlanTaskDraft Draft(string title, DateOnly due, params string[] owners) => new()
    {
        PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(一)制度建设", Title = title, DueDate = due,
        Owners = owners.ToList(), Department = "司法所",
    };

    /// <summary>The tasks as stored, but for their progress notes, which the lists leave out.</summary>
    private static string Json(IEnumerable<PlanTask> tasks) => string.Join("\n", tasks.Select(t =>
    {
        var doc = Mapper.ToDocument(t);
        doc.Remove(nameof(PlanTask.Notes));
        return LiteDB.JsonSerializer.Serialize(doc);
    }));

    /// <summary>The truth: the workspace's tasks read from the tasks collection, by due date then id.</summary>
    private static List<PlanTask> InDatabase(DocumentDatabase db, string ws, Func<PlanTask, bool> which) =>
        db.Collection<PlanTask>(PlanTaskStore.Collection).Find(t => t.WorkspaceId == ws).Where(which)
            .OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();

    private static void AssertCoherent(DocumentDatabase db, PlanTaskStore store, string ws, DateOnly today)
    {
        var open = InDatabase(db, ws, t => t.IsOpen);
        var done = InDatabase(db, ws, t => t.Status == PlanTaskStatus.Done);
        var overdue = open.Where(t => t.DueDate < today).ToList();
        foreach (var s in new[] { store, new PlanTaskStore(db, new AuditLog(db)) }) // this store's memory, and a restart's
        {
            Assert.All(s.Open(ws).Concat(s.Done(ws)), t => Assert.Empty(t.Notes));
            Assert.Equal(Json(overdue), Json(s.Overdue(ws, today)));
            Assert.Equal(Json(open), Json(s.Open(ws)));
            Assert.Equal(Json(done), Json(s.Done(ws)));
            Assert.Equal(open.Count + done.Count, s.CountNotCancelled(ws));
        }
        AssertOverviewCoherent(db, store, ws, today, open, done);
    }

    /// <summary>
    /// The weekly digest's view (headers read from the snapshot bytes, tasks decoded one at a time) equals the tasks
    /// as stored: in the writing store, in a fresh one, and in a fresh one that decoded only the overdue ones so far;
    /// and the lists decoded after it hand out the same tasks.
    /// </summary>
    private static void AssertOverviewCoherent(DocumentDatabase db, PlanTaskStore store, string ws, DateOnly today, List<PlanTask> open, List<PlanTask> done)
    {
        var partlyDecoded = new PlanTaskStore(db, new AuditLog(db));
        partlyDecoded.Overdue(ws, today);
        List<PlanTask> expected = [.. open, .. done];
        foreach (var s in new[] { store, new PlanTaskStore(db, new AuditLog(db)), partlyDecoded })
        {
            var overview = s.Overview(ws);
            Assert.Equal(expected.Count, overview.Count);
            Assert.Equal(done.Count, overview.DoneCount);
            Assert.Equal(expected.Select(TaskHeader.Of), Enumerable.Range(0, overview.Count).Select(i => overview[i]));
            // Last first: each one decoded on its own, ahead of the lists' decoding in order.
            var backwards = Enumerable.Range(0, overview.Count).Reverse().Select(overview.Task).ToList();
            Assert.Equal(Json(Enumerable.Reverse(expected)), Json(backwards));
            Assert.Equal(Json(open), Json(s.Open(ws)));
            Assert.Equal(Json(done), Json(s.Done(ws)));
            if (db.IsShared) continue; // read from the database each time: equal (above), not the same objects
            for (var i = 0; i < open.Count; i++) Assert.Same(overview.Task(i), s.Open(ws)[i]);
            for (var i = 0; i < done.Count; i++) Assert.Same(overview.Task(open.Count + i), s.Done(ws)[i]);
        }
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_decoded_task_keeps_its_title_in_the_snapshot_until_read_and_a_new_title_replaces_it(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new PlanTaskStore(db, new AuditLog(db));
        store.Import("ws", [Draft("制定年度普法计划", Today.AddDays(-3), "张三"), Draft("Plan B", Today.AddDays(2))], Clerk, Now);

        var fresh = new PlanTaskStore(db, new AuditLog(db)).Open("ws");
        Assert.Equal(["制定年度普法计划", "Plan B"], fresh.Select(t => t.Title));
        Assert.Equal(InDatabase(db, "ws", _ => true).Select(t => t.IdentityKey), fresh.Select(t => t.IdentityKey));
        Assert.Empty(fresh[1].OwnerUserKeys);

        var copy = new PlanTaskStore(db, new AuditLog(db)).Open("ws")[0];
        copy.Title = "改过的标题";
        copy.IdentityKey = "k";
        Assert.Equal(("改过的标题", "k"), (copy.Title, copy.IdentityKey));
        Assert.Equal("制定年度普法计划", fresh[0].Title);
        Assert.NotNull(new PlanTask { Notes = null!, OwnerUserKeys = null! }.Notes); // lists are never null, as before for LiteDB's reads
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Every_property_of_a_task_but_its_notes_survives_the_snapshots(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new PlanTaskStore(db, new AuditLog(db));
        var full = Filled<PlanTask>(1);
        full.Id = 0;
        full.WorkspaceId = "ws";
        full.Status = PlanTaskStatus.InProgress;
        full.DueDate = Today.AddDays(-3);
        full.Notes = [Filled<ProgressNote>(2), Filled<ProgressNote>(3)];
        full.Notes[1].AuthorKey = null;
        // The database does not store nulls: they come back as the properties' initial values, from the snapshot too.
        var sparse = new PlanTask
        {
            WorkspaceId = "ws", Title = "", Section = null!, Owners = null!, OwnerUserKeys = [], Notes = [null!], Feedback = null,
            DueDate = Today.AddDays(-1), IdentityKey = "sparse", CreatedUtc = Now, UpdatedUtc = Now,
        };
        var closed = Filled<PlanTask>(4);
        (closed.Id, closed.WorkspaceId, closed.Status) = (0, "ws", PlanTaskStatus.Done);
        store.BulkInsert([full, sparse, closed]);

        AssertCoherent(db, store, "ws", Today);
        var restarted = new PlanTaskStore(db, new AuditLog(db)).Open("ws");
        Assert.Equal(2, restarted.Count);
        var read = store.Get("ws", full.Id)!;
        Assert.Equal(2, read.Notes.Count);
        Assert.Equal(Json([read]), Json([restarted[0]]));
        Assert.Equal((read.CreatedUtc, read.CreatedUtc.Offset), (restarted[0].CreatedUtc, restarted[0].CreatedUtc.Offset)); // to the tick, as UTC
        Assert.Empty(restarted[1].Owners);
        Assert.Equal("", restarted[1].Section);
        Assert.Equal(Json([store.Get("ws", closed.Id)!]), Json(new PlanTaskStore(db, new AuditLog(db)).Done("ws")));
    }

    /// <summary>
    /// Every settable property gets a distinct non-default value, so a property added to the task later and not
    /// carried by the snapshot makes the test above fail (and a property of a new type stops here until it is added).
    /// </summary>
    private static T Filled<T>(int seed) where T : new() => (T)Filled(typeof(T), seed);

    private static object Filled(Type itemType, int seed)
    {
        var item = Activator.CreateInstance(itemType)!;
        var n = seed * 100;
        foreach (var p in itemType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            n++;
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            object value = type switch
            {
                _ when type == typeof(string) => $"{p.Name}-{n}-值",
                _ when type == typeof(int) => n,
                _ when type == typeof(DateOnly) => Today.AddDays(n % 50),
                // Not UTC on purpose: the database and the snapshot both hand back the UTC instant.
                _ when type == typeof(DateTimeOffset) => new DateTimeOffset(Now.UtcTicks + n - seed * 100, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(8)),
                _ when type == typeof(PlanTaskStatus) => PlanTaskStatus.NotStarted,
                _ when type == typeof(List<string>) => new List<string> { $"{p.Name}-{n}-a", $"{p.Name}-{n}-b" },
                _ when type == typeof(List<ProgressNote>) => new List<ProgressNote>(),
                _ when type == typeof(bool) => true,
                _ when type == typeof(ExtensionDecision) => ExtensionDecision.Approved,
                // The supervision record (#24) and its lists: every property of theirs filled too.
                _ when type == typeof(TaskSupervision) => Filled(type, n),
                _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && type.GetGenericArguments()[0].Namespace == typeof(PlanTask).Namespace =>
                    ListOf(type, Filled(type.GetGenericArguments()[0], n)),
                _ => throw new NotSupportedException($"{itemType.Name}.{p.Name}: give the test a value for {type} (and check the snapshot carries it)"),
            };
            p.SetValue(item, value);
        }
        return item;
    }

    private static object ListOf(Type listType, object element)
    {
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        list.Add(element);
        return list;
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Writes_between_reads_are_seen_by_the_next_read_here_and_after_a_restart(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new PlanTaskStore(db, new AuditLog(db));
        store.Import("other", [Draft("别的群的任务", Today.AddDays(-9), "钱七")], Clerk, Now);
        store.Import("ws", [Draft("执法公示", Today.AddDays(-4), "张三"), Draft("案卷评查", Today.AddDays(-1), "李四", "张三"),
            Draft("宪法宣传周", Today.AddDays(30), "李四")], Clerk, Now);
        AssertCoherent(db, store, "ws", Today);
        Assert.Equal(2, store.Overdue("ws", Today).Count); // now in memory
        var id = store.All("ws").ToDictionary(t => t.Title, t => t.Id);

        var created = store.Create("ws", Draft("新增任务", Today.AddDays(-2), "王五"), Clerk, Now)!;
        AssertCoherent(db, store, "ws", Today);
        Assert.Contains(store.Overdue("ws", Today), t => t.Id == created.Id);

        store.UpdateProgress("ws", id["执法公示"], 60, "已起草", Clerk, Now);
        AssertCoherent(db, store, "ws", Today);
        var progressed = store.Overdue("ws", Today).Single(t => t.Id == id["执法公示"]);
        Assert.Equal((60, PlanTaskStatus.InProgress), (progressed.Progress, progressed.Status));
        Assert.Equal("已起草", store.Get("ws", id["执法公示"])!.Notes.Single().Text); // the notes stay with the task

        var moved = Draft("案卷评查", Today.AddDays(5), "李四");
        store.Edit("ws", id["案卷评查"], moved, Clerk, Now);
        AssertCoherent(db, store, "ws", Today);
        Assert.DoesNotContain(store.Overdue("ws", Today), t => t.Id == id["案卷评查"]);

        store.Complete("ws", id["执法公示"], "已公示", Clerk, Now);
        AssertCoherent(db, store, "ws", Today);
        store.Cancel("ws", created.Id, "并入其他任务", Clerk, Now);
        AssertCoherent(db, store, "ws", Today);
        Assert.Empty(store.Overdue("ws", Today));

        // A re-import moves a deadline back into the past.
        store.Import("ws", [Draft("宪法宣传周", Today.AddDays(-6), "李四")], Clerk, Now);
        AssertCoherent(db, store, "ws", Today);
        Assert.Equal(["宪法宣传周"], store.Overdue("ws", Today).Select(t => t.Title));

        // The next day, what was due today is overdue; the other workspace never changed.
        AssertCoherent(db, store, "ws", Today.AddDays(6));
        AssertCoherent(db, store, "other", Today);
        Assert.Equal(["别的群的任务"], store.Overdue("other", Today).Select(t => t.Title));

        // Closing the last open task leaves an empty list, here and after a restart.
        foreach (var t in store.Open("ws").ToList()) store.Complete("ws", t.Id, "完成", Clerk, Now);
        AssertCoherent(db, store, "ws", Today.AddDays(60));
        Assert.Empty(store.Open("ws"));
    }

    [Fact]
    public void A_database_from_before_the_snapshots_gets_them_built_once()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        var store = new PlanTaskStore(db, new AuditLog(db));
        store.Import("ws", [Draft("执法公示", Today.AddDays(-4), "张三"), Draft("宪法宣传周", Today.AddDays(30), "李四")], Clerk, Now);
        store.Import("ws2", [Draft("案卷评查", Today.AddDays(-1), "李四")], Clerk, Now);
        store.Complete("ws2", store.All("ws2").Single().Id, "完成", Clerk, Now);
        // As an older build left it: no snapshots, and a task written without one.
        db.DropCollection(PlanTaskStore.OpenSnapshots);
        db.DropCollection(PlanTaskStore.DoneSnapshots);
        db.DropCollection("plan_task_meta");
        db.GetCollection<PlanTask>(PlanTaskStore.Collection).Insert(new PlanTask
        {
            WorkspaceId = "ws2", PlanYear = 2026, PlanTitle = "p", Title = "旧版本写入", DueDate = Today.AddDays(-2), Owners = ["王五"],
            IdentityKey = "old-build", CreatedUtc = Now, UpdatedUtc = Now,
        });

        var upgraded = new PlanTaskStore(db, new AuditLog(db));
        Assert.Equal(2, db.GetCollection(PlanTaskStore.OpenSnapshots).Count());
        Assert.Equal(1, db.GetCollection(PlanTaskStore.DoneSnapshots).Count());
        AssertCoherent(db, upgraded, "ws", Today);
        AssertCoherent(db, upgraded, "ws2", Today);
        Assert.Equal(["旧版本写入"], upgraded.Overdue("ws2", Today).Select(t => t.Title));
    }

    [Fact]
    public void A_write_that_fails_leaves_the_lists_as_committed()
    {
        using var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        var store = new PlanTaskStore(db, new AuditLog(db));
        store.Import("ws", [Draft("执法公示", Today.AddDays(-4), "张三")], Clerk, Now);
        Assert.Single(store.Overdue("ws", Today));

        // The second task's identity is too long for the unique index: the import fails and nothing of it is kept.
        Assert.ThrowsAny<LiteException>(() => store.Import("ws",
            [Draft("新增任务", Today.AddDays(-2), "王五"), Draft(new string('规', 400), Today.AddDays(-2), "王五")], Clerk, Now));
        AssertCoherent(db, store, "ws", Today);
        Assert.Equal(["执法公示"], store.Overdue("ws", Today).Select(t => t.Title));

        store.Create("ws", Draft("新增任务", Today.AddDays(-2), "王五"), Clerk, Now);
        AssertCoherent(db, store, "ws", Today);
        Assert.Equal(2, store.Overdue("ws", Today).Count);
    }
}
