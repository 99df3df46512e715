using Xunit.Abstractions;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
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

    // A contract test: each runs on LiteDB and on PostgreSQL.
    private static (DocumentDatabase Db, PlanTaskStore Store, AuditLog Audit) Open(string provider)
    {
        var db = StorageProviders.Open(provider);
        var audit = new AuditLog(db);
        return (db, new PlanTaskStore(db, audit), audit);
    }

    private static (LiteDB.LiteDatabase Db, PlanTaskStore Store, AuditLog Audit) OpenLiteDb()
    {
        var db = ChatBotDatabase.Open(TempPaths.NewDatabase());
        var audit = new AuditLog(db);
        return (db, new PlanTaskStore(db, audit), audit);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Due_today_is_not_overdue_and_the_yellow_window_is_inclusive(string provider)
    {
        var (db, store, _) = Open(provider);
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

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Closed_tasks_and_other_workspaces_are_never_overdue_here(string provider)
    {
        var (db, store, audit) = Open(provider);
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

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Reimporting_the_same_plan_updates_instead_of_duplicating(string provider)
    {
        var (db, store, audit) = Open(provider);
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
        // LiteDB's own path: the compound (workspace, status, due) index the embedded store answers from.
        var (db, store, _) = OpenLiteDb();
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

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Lists_are_ordered_by_due_date_then_number_and_count_what_the_digest_lists(string provider)
    {
        var (db, store, _) = Open(provider);
        using var _db = db;
        // Imported out of order; "c" and "a" share a due date, so their numbers decide.
        store.Import("ws", [Draft("c", Today.AddDays(5)), Draft("b", Today.AddDays(-2)), Draft("a", Today.AddDays(5)), Draft("d", Today.AddDays(1))], Clerk, Now);
        var id = store.All("ws").ToDictionary(t => t.Title, t => t.Id);
        Assert.Equal(["b", "d", "c", "a"], store.All("ws").Select(t => t.Title));
        Assert.Equal(["b", "d", "c", "a"], store.Open("ws").Select(t => t.Title));
        store.UpdateProgress("ws", id["c"], 30, "在办", Clerk, Now);
        Assert.All(store.Open("ws"), t => Assert.Empty(t.Notes)); // lists carry no notes, on both providers
        Assert.Single(store.Get("ws", id["c"])!.Notes);

        store.Complete("ws", id["a"], "已办结", Clerk, Now);
        store.Complete("ws", id["b"], "已办结", Clerk, Now);
        store.Complete("ws", id["d"], "待验收", Clerk, Now, needsAcceptance: true);
        Assert.Equal(["c"], store.Open("ws").Select(t => t.Title));
        Assert.Equal(["b", "a"], store.Done("ws").Select(t => t.Title));
        Assert.Equal(["d"], store.AwaitingAcceptance("ws").Select(t => t.Title));
        // Whether the digest has anything to list: the open and done tasks, and the 待验收 ones only when there is none.
        Assert.Equal(3, store.CountNotCancelled("ws"));
        var overview = store.Overview("ws");
        Assert.Equal((4, 1, 2), (overview.Count, overview.PendingCount, overview.DoneCount));

        store.Cancel("ws", id["c"], "取消", Clerk, Now);
        Assert.Equal(2, store.CountNotCancelled("ws"));
        store.Import("pending", [Draft("p", Today)], Clerk, Now);
        store.Complete("pending", store.All("pending").Single().Id, "待验收", Clerk, Now, needsAcceptance: true);
        Assert.Equal(1, store.CountNotCancelled("pending"));
        Assert.Equal(0, store.CountNotCancelled("other"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Open_tasks_due_between_two_dates_include_both_ends(string provider)
    {
        var (db, store, _) = Open(provider);
        using var _db = db;
        // 2026-03-09 … 2026-03-16: the 9th and 16th are the ends, the 8th and 17th just outside.
        store.Import("ws", [Draft("8th", new(2026, 3, 8)), Draft("9th", new(2026, 3, 9)), Draft("12th", new(2026, 3, 12)),
            Draft("16th", new(2026, 3, 16)), Draft("17th", new(2026, 3, 17)), Draft("done 12th", new(2026, 3, 12))], Clerk, Now);
        store.Import("other", [Draft("other 12th", new(2026, 3, 12))], Clerk, Now);
        var id = store.All("ws").ToDictionary(t => t.Title, t => t.Id);
        store.Complete("ws", id["done 12th"], "完成", Clerk, Now);
        store.UpdateProgress("ws", id["16th"], 10, "", Clerk, Now); // in progress is open too

        Assert.Equal(["9th", "12th", "16th"], store.OpenDueBetween("ws", new(2026, 3, 9), new(2026, 3, 16)).Select(t => t.Title));
        Assert.Equal(["12th"], store.OpenDueBetween("ws", new(2026, 3, 12), new(2026, 3, 12)).Select(t => t.Title));
        Assert.Empty(store.OpenDueBetween("ws", new(2026, 3, 13), new(2026, 3, 15)));
        // Overdue on the 16th: due before it (the 16th itself is not overdue).
        Assert.Equal(["8th", "9th", "12th"], store.Overdue("ws", new(2026, 3, 16)).Select(t => t.Title));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_task_is_created_once_per_identity_and_an_edit_cannot_take_another_tasks_identity(string provider)
    {
        var (db, store, audit) = Open(provider);
        using var _db = db;
        var created = store.Create("ws", Draft("执法公示", Today, owners: "张三"), Clerk, Now)!;
        Assert.Null(store.Create("ws", Draft("执法公示。", Today.AddDays(3)), Clerk, Now)); // the same identity, written differently
        Assert.NotNull(store.Create("other", Draft("执法公示", Today), Clerk, Now)); // another workspace's own
        var second = store.Create("ws", Draft("案卷评查", Today), Clerk, Now)!;
        Assert.True(created.Id > 0 && second.Id > created.Id);

        Assert.Null(store.Edit("ws", second.Id, Draft("执法公示", Today), Clerk, Now));
        Assert.Equal("案卷评查", store.Get("ws", second.Id)!.Title);
        var edited = store.Edit("ws", second.Id, Draft("案卷评查", Today.AddDays(7), owners: "李四"), Clerk, Now.AddMinutes(1))!;
        Assert.Equal((Today.AddDays(7), "李四"), (edited.DueDate, edited.Owners.Single()));
        Assert.Null(store.Edit("other", second.Id, Draft("x", Today), Clerk, Now));
        Assert.Equal(["task.create", "task.edit"], audit.For(PlanTaskStore.RecordKey(second.Id)).Select(a => a.Action));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_draft_waits_for_its_deadline_outside_the_lists(string provider)
    {
        var (db, store, _) = Open(provider);
        using var _db = db;
        var draft = store.SaveDraft("ws", Draft("研究制定方案", default), Clerk, Now);
        Assert.Equal(PlanTaskStatus.Draft, draft.Status);
        Assert.Equal(draft.Id, store.SaveDraft("ws", Draft("研究制定方案", default), Clerk, Now).Id); // the same decision again
        Assert.Equal([draft.Id], store.Drafts("ws").Select(t => t.Id));
        Assert.Empty(store.All("ws"));
        Assert.Empty(store.Open("ws"));
        Assert.Empty(store.Overdue("ws", Today));
        Assert.Empty(store.OpenDueBetween("ws", DateOnly.MinValue, Today));
        Assert.Equal(0, store.CountNotCancelled("ws"));
        Assert.Empty(store.Drafts("other"));
        Assert.Null(store.SetDeadline("other", draft.Id, Today, Clerk, Now));

        var task = store.SetDeadline("ws", draft.Id, Today.AddDays(-1), Clerk, Now)!;
        Assert.Equal((PlanTaskStatus.NotStarted, Today.AddDays(-1)), (task.Status, task.DueDate));
        Assert.Null(store.SetDeadline("ws", draft.Id, Today, Clerk, Now)); // no longer a draft
        Assert.Empty(store.Drafts("ws"));
        Assert.Equal([draft.Id], store.Overdue("ws", Today).Select(t => t.Id));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Acceptance_accepts_or_returns_only_tasks_waiting_for_it(string provider)
    {
        var (db, store, _) = Open(provider);
        using var _db = db;
        store.Import("ws", [Draft("a", Today), Draft("b", Today.AddDays(-3))], Clerk, Now);
        var id = store.All("ws").ToDictionary(t => t.Title, t => t.Id);
        Assert.Null(store.Accept("ws", id["a"], Clerk, Now)); // still open
        store.Complete("ws", id["a"], "已完成", Clerk, Now, needsAcceptance: true);
        store.Complete("ws", id["b"], "已完成", Clerk, Now, needsAcceptance: true);
        Assert.Equal(["b", "a"], store.AwaitingAcceptance("ws").Select(t => t.Title)); // by due date
        Assert.Empty(store.AwaitingAcceptance("other"));
        Assert.Empty(store.Overdue("ws", Today)); // waiting for acceptance is not overdue

        Assert.Null(store.ReturnForRework("ws", id["b"], "  ", Clerk, Now)); // a reason is needed
        var returned = store.ReturnForRework("ws", id["b"], "材料不全", Clerk, Now)!;
        Assert.Equal((PlanTaskStatus.InProgress, null), (returned.Status, returned.CompletedUtc));
        Assert.Equal("材料不全", returned.Supervision.Returns.Single().Reason);
        Assert.Equal(["b"], store.Overdue("ws", Today).Select(t => t.Title));

        var accepted = store.Accept("ws", id["a"], Clerk, Now)!;
        Assert.Equal((PlanTaskStatus.Done, "王小明"), (accepted.Status, accepted.Supervision.AcceptedBy));
        Assert.Null(store.Accept("ws", id["a"], Clerk, Now)); // once
        Assert.Empty(store.AwaitingAcceptance("ws"));
        Assert.Equal(["a"], store.Done("ws").Select(t => t.Title));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_task_is_chased_at_most_once_a_Shanghai_day_and_an_update_answers_the_chase(string provider)
    {
        var (db, store, _) = Open(provider);
        using var _db = db;
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var id = store.Create("ws", Draft("执法公示", Today), Clerk, Now)!.Id;
        // Now is 09:00 on 10 March in Shanghai; +14 h is 23:00 the same day there; +16 h is 01:00 on the 11th there
        // (still 10 March in UTC).
        Assert.True(store.Chase("ws", id, Clerk, Now, shanghai, out var chased));
        Assert.Single(chased!.Supervision.Chases);
        Assert.False(store.Chase("ws", id, Clerk, Now.AddHours(14), shanghai, out _));
        Assert.True(store.Chase("ws", id, Clerk, Now.AddHours(16), shanghai, out _));
        Assert.False(store.Chase("other", id, Clerk, Now.AddDays(3), shanghai, out var none));
        Assert.Null(none);

        var owner = new Actor("msteams:user-2", "张三");
        store.UpdateProgress("ws", id, 20, "已启动", owner, Now.AddHours(20));
        var task = store.Get("ws", id)!;
        Assert.Equal(2, task.Supervision.Chases.Count);
        Assert.All(task.Supervision.Chases, c => Assert.Equal(("张三", Now.AddHours(20)), (c.AnsweredBy, c.AnsweredUtc)));
        Assert.Equal("张三", task.Supervision.AcknowledgedBy); // an update signs for the task

        store.Complete("ws", id, "完成", owner, Now.AddDays(2));
        Assert.False(store.Chase("ws", id, Clerk, Now.AddDays(3), shanghai, out _)); // a closed task is not chased
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Extensions_wait_for_one_decision_and_an_approval_moves_the_deadline(string provider)
    {
        var (db, store, audit) = Open(provider);
        using var _db = db;
        var due = new DateOnly(2026, 3, 20);
        var id = store.Create("ws", Draft("案卷评查", due), Clerk, Now)!.Id;
        Assert.Null(store.DecideExtension("ws", id, true, null, Clerk, Now, out _)); // nothing asked yet
        Assert.False(store.RequestExtension("ws", id, due, "理由", Clerk, Now, out _)); // not later than the deadline
        Assert.False(store.RequestExtension("ws", id, new(2026, 3, 31), " ", Clerk, Now, out _)); // no reason
        Assert.True(store.RequestExtension("ws", id, new(2026, 3, 31), "材料未到", Clerk, Now, out _));
        Assert.False(store.RequestExtension("ws", id, new(2026, 4, 5), "再延", Clerk, Now, out _)); // one waits already

        var refused = store.DecideExtension("ws", id, false, "不同意", Clerk, Now, out var task)!;
        Assert.Equal((ExtensionDecision.Refused, "不同意"), (refused.Decision, refused.DecisionNote));
        Assert.Equal((due, (DateOnly?)null), (task!.DueDate, task.Supervision.OriginalDueDate));

        Assert.True(store.RequestExtension("ws", id, new(2026, 4, 10), "需上级批复", Clerk, Now, out _));
        Assert.Equal(ExtensionDecision.Approved, store.DecideExtension("ws", id, true, null, Clerk, Now, out _)!.Decision);
        Assert.True(store.RequestExtension("ws", id, new(2026, 4, 30), "再延", Clerk, Now, out _));
        store.DecideExtension("ws", id, true, null, Clerk, Now, out _);
        var stored = store.Get("ws", id)!;
        Assert.Equal((new DateOnly(2026, 4, 30), (DateOnly?)due), (stored.DueDate, stored.Supervision.OriginalDueDate)); // the first deadline kept
        Assert.Equal(2, stored.Supervision.ApprovedExtensions);
        Assert.Empty(store.OpenDueBetween("ws", due, new(2026, 4, 29)));
        Assert.Equal(3, audit.For(PlanTaskStore.RecordKey(id)).Count(a => a.Action == "task.extension.request"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void The_first_owner_signs_and_leaders_instruct_open_or_closed_tasks(string provider)
    {
        var (db, store, _) = Open(provider);
        using var _db = db;
        var id = store.Create("ws", Draft("宪法宣传周", Today), Clerk, Now)!.Id;
        store.Acknowledge("ws", id, new Actor("msteams:user-2", "张三"), Now.AddHours(1));
        store.Acknowledge("ws", id, new Actor("msteams:user-3", "李四"), Now.AddHours(2));
        Assert.Equal(("张三", (DateTimeOffset?)Now.AddHours(1)), (store.Get("ws", id)!.Supervision.AcknowledgedBy, store.Get("ws", id)!.Supervision.AcknowledgedUtc));
        store.Complete("ws", id, "完成", Clerk, Now);
        Assert.Null(store.Instruct("ws", id, " ", Clerk, Now));
        Assert.Equal("抓好落实", store.Instruct("ws", id, "抓好落实", Clerk, Now)!.Supervision.Instructions.Single().Text);
        Assert.Null(store.Instruct("other", id, "x", Clerk, Now));
    }

    // ── Two instances on one PostgreSQL database ─────────────────────────────────────────────────────────────────────

    /// <summary>Two stores, each with its own connections, as two bot processes would have: no in-process lock is shared.</summary>
    private static (PlanTaskStore A, PlanTaskStore B, DocumentDatabase DbA, DocumentDatabase DbB) TwoInstances()
    {
        var two = new TwoPostgresInstances(); // A and B own their data sources: the caller disposes them
        var (dbA, dbB) = (two.A, two.B);
        return (new PlanTaskStore(dbA, new AuditLog(dbA)), new PlanTaskStore(dbB, new AuditLog(dbB)), dbA, dbB);
    }

    [Fact]
    public async Task Two_instances_updating_one_task_at_once_lose_no_progress_note()
    {
        var (a, b, dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        var id = a.Create("ws", Draft("执法公示", Today), Clerk, Now)!.Id;
        var updates = Enumerable.Range(1, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).UpdateProgress("ws", id, i, $"第{i}次", new Actor($"msteams:user-{i}", $"人{i}"), Now.AddMinutes(i)))).ToList();
        await Task.WhenAll(updates);

        var task = b.Get("ws", id)!;
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"第{i}次").Order(), task.Notes.Select(n => n.Text).Order());
        Assert.Equal(20, new AuditLog(dbA).For(PlanTaskStore.RecordKey(id)).Count(e => e.Action == "task.progress"));
    }

    [Fact]
    public void Tasks_written_by_one_instance_are_in_the_other_instances_lists_at_once()
    {
        var (a, b, dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        // B reads first, so anything it kept in memory would now be stale.
        Assert.Empty(b.Open("ws"));
        Assert.Empty(b.Overdue("ws", Today));
        Assert.Equal(0, b.CountNotCancelled("ws"));

        a.Import("ws", [Draft("执法公示", Today.AddDays(-4)), Draft("案卷评查", Today.AddDays(3))], Clerk, Now);
        Assert.Equal(["执法公示", "案卷评查"], b.Open("ws").Select(t => t.Title));
        Assert.Equal(["执法公示"], b.Overdue("ws", Today).Select(t => t.Title));
        Assert.Equal(2, b.CountNotCancelled("ws"));

        var late = b.Overdue("ws", Today).Single().Id;
        a.Complete("ws", late, "已公示", Clerk, Now);
        Assert.Empty(b.Overdue("ws", Today));
        Assert.Equal(["执法公示"], b.Done("ws").Select(t => t.Title));
        Assert.Equal(2, b.Overview("ws").Count);
        b.Complete("ws", b.Open("ws").Single().Id, "已评查", Clerk, Now, needsAcceptance: true);
        Assert.Equal(["案卷评查"], a.AwaitingAcceptance("ws").Select(t => t.Title));
        Assert.Empty(a.Open("ws"));
    }

    [Fact]
    public async Task One_new_task_created_on_two_instances_at_once_is_created_once_and_the_later_is_told_it_exists()
    {
        var (a, b, dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        var titles = Enumerable.Range(1, 20).Select(i => $"任务{i}").ToList();
        // Each title created from both instances at the same moment: the later must get what a second create gets
        // (null, "already exists"), never a unique-key error.
        var creates = await TwoPostgresInstances.AllAtOnce(titles.SelectMany(title => new[] { a, b }.Select(store =>
            (Func<(string Title, PlanTask? Task)>)(() => (title, store.Create("ws", Draft(title, Today), Clerk, Now))))));

        foreach (var title in titles)
            Assert.Single(creates, c => c.Title == title && c.Task is not null);
        Assert.Equal(titles.Order(), b.All("ws").Select(t => t.Title).Order());
        Assert.All(b.All("ws"), t => Assert.Single(new AuditLog(dbA).For(PlanTaskStore.RecordKey(t.Id)), e => e.Action == "task.create"));
    }

    [Fact]
    public async Task One_plan_imported_on_two_instances_at_once_creates_each_task_once_and_the_later_import_finds_them()
    {
        var (a, b, dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        for (var round = 1; round <= 5; round++)
        {
            var drafts = Enumerable.Range(1, 5).Select(i => Draft($"第{round}批任务{i}", Today)).ToList();
            var outcomes = await TwoPostgresInstances.AllAtOnce(new[] { a, b }.Select(store =>
                (Func<ImportOutcome>)(() => store.Import("ws", drafts, Clerk, Now))));

            // As if one came second: it finds the five tasks the other created, unchanged.
            Assert.Equal([(0, 0, 5), (5, 0, 0)], outcomes.Select(o => (o.Created, o.Updated, o.Unchanged)).Order());
            Assert.Equal(outcomes[0].TaskIds, outcomes[1].TaskIds);
        }
        Assert.Equal(25, a.All("ws").Count);
    }

    [Fact]
    public async Task Two_tasks_edited_to_one_identity_on_two_instances_at_once_leave_one_edit_and_one_taken_answer()
    {
        var (a, b, dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        for (var round = 1; round <= 10; round++)
        {
            var first = a.Create("ws", Draft($"甲{round}", Today), Clerk, Now)!.Id;
            var second = a.Create("ws", Draft($"乙{round}", Today), Clerk, Now)!.Id;
            var target = Draft($"合并{round}", Today);
            var edits = await TwoPostgresInstances.AllAtOnce(new[] { (a, first), (b, second) }.Select(x =>
                (Func<PlanTask?>)(() => x.Item1.Edit("ws", x.Item2, target, Clerk, Now))));

            Assert.Single(edits, e => e is not null); // the later edit is told the identity is taken, as when it comes second
            Assert.Single(a.All("ws"), t => t.Title == $"合并{round}");
        }
    }

    [Fact]
    public async Task One_draft_saved_on_two_instances_at_once_is_saved_once_and_both_get_it()
    {
        var (a, b, dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        for (var round = 1; round <= 10; round++)
        {
            var draft = Draft($"待定事项{round}", Today);
            var saved = await TwoPostgresInstances.AllAtOnce(new[] { a, b }.Select(store =>
                (Func<PlanTask>)(() => store.SaveDraft("ws", draft, Clerk, Now))));
            Assert.Equal(saved[0].Id, saved[1].Id);
        }
        Assert.Equal(10, b.Drafts("ws").Count);
    }
}
