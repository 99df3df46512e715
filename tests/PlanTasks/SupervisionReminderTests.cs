using ChatBot.Bot.Reminders;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;
using LiteDB;

namespace ChatBot.Tests.PlanTasks;

/// <summary>签收 deadlines in working days (#24), and the supervision cycle on a database written by the previous version.</summary>
public class SupervisionReminderTests
{
    private const string Ws = ReminderHosts.Workspace;
    private static readonly Actor Clerk = new("msteams:user-1", "王小明");

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task A_task_not_signed_for_two_working_days_is_listed_to_the_admins_counting_across_national_day()
    {
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(null, sender);
        ReminderHosts.SeedWorkspace(host);
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(Ws)!;
        ws.Admins = ["msteams:29:admin"];
        workspaces.Save(ws);
        workspaces.TouchMember(Ws, "msteams:29:admin", "赵主任", null, host.Clock.GetUtcNow());
        var store = host.Service<PlanTaskStore>();
        // Assigned on Wednesday 2026-09-30, due in December (not overdue: only the 签收 list can go out).
        store.Create(Ws, new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年计划", Title = "国庆后整改台账", Owners = ["张三"], Department = "司法所", DueDate = new(2026, 12, 20) },
            Clerk, Local(9, 30, 10));
        store.Create(Ws, new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年计划", Title = "已签收的任务", Owners = ["李四"], Department = "司法所", DueDate = new(2026, 12, 20) },
            Clerk, Local(9, 30, 10));
        store.Acknowledge(Ws, 2, new Actor("msteams:29:li", "李四"), Local(9, 30, 11));
        var scheduler = host.Service<ReminderScheduler>();

        // 10-01…10-07 are 国庆 holidays; Thursday 10-08 is the first working day after, Friday 10-09 the second.
        // (Thursday 10-08 also brings the week's progress digest, moved there by the holiday: not counted here.)
        List<ChatBot.Bot.Channels.BotFramework.Schema.Activity> Unsigned() => sender.Sent.Where(a => a.AllText().Contains("未签收")).ToList();
        await scheduler.RunOnceAsync(Local(10, 8, 9, 0));
        Assert.Empty(Unsigned());
        await scheduler.RunOnceAsync(Local(10, 9, 9, 0));
        var listed = Assert.Single(Unsigned());
        Assert.Contains("<at>赵主任</at>", listed.Text);
        Assert.Contains("1 项任务超过 2 个工作日未签收", listed.Text);
        Assert.Contains("国庆后整改台账", listed.AllText());
        Assert.DoesNotContain("已签收的任务", listed.AllText());
        BotHost.AssertCardsValid(sender.Sent);
        await scheduler.RunOnceAsync(Local(10, 9, 15, 0));
        Assert.Single(Unsigned()); // once a day

        store.Acknowledge(Ws, 1, new Actor("msteams:29:zhang", "张三"), Local(10, 9, 16));
        await scheduler.RunOnceAsync(Local(10, 12, 9, 0)); // Monday: nothing unsigned any more
        Assert.Single(Unsigned());
    }

    [Fact]
    public void Tasks_stored_by_the_previous_version_keep_working_and_take_part_in_the_cycle()
    {
        var path = TempPaths.NewDatabase();
        using (var db = ChatBotDatabase.Open(path))
        {
            // A task and the list snapshot as the previous version wrote them: no supervision record, snapshot format 2.
            db.GetCollection(PlanTaskStore.Collection).Insert(new BsonDocument
            {
                ["_id"] = 1, ["WorkspaceId"] = "ws", ["PlanYear"] = 2026, ["PlanTitle"] = "2026年依法行政工作计划", ["Section"] = "(三)规范执法",
                ["Title"] = "执法公示", ["Owners"] = new BsonArray { "张三" }, ["OwnerUserKeys"] = new BsonArray(), ["Department"] = "综合执法办",
                ["DueDate"] = "2026-03-05", ["Status"] = "InProgress", ["Progress"] = 30, ["Notes"] = new BsonArray(),
                ["IdentityKey"] = PlanTask.Identity("ws", 2026, "2026年依法行政工作计划", "(三)规范执法", "执法公示"),
                ["CreatedUtc"] = "2026-01-05T01:00:00.0000000Z", ["UpdatedUtc"] = "2026-01-05T01:00:00.0000000Z",
            });
            db.GetCollection(PlanTaskStore.OpenSnapshots).Insert(new BsonDocument { ["_id"] = "ws", ["Rows"] = new byte[] { 2, 0, 0 } });
            db.GetCollection("plan_task_meta").Insert(new BsonDocument { ["_id"] = "snapshots", ["Format"] = 2 });
        }
        using (var db = ChatBotDatabase.Open(path))
        {
            var store = new PlanTaskStore(db, new AuditLog(db));
            var open = Assert.Single(store.Open("ws")); // the snapshot is rebuilt in the new format
            Assert.Equal(("执法公示", 30, PlanTaskStatus.InProgress), (open.Title, open.Progress, open.Status));
            Assert.Empty(open.Supervision.Chases);
            Assert.Null(open.Supervision.AssignedUtc); // assigned before 签收 existed: not asked to sign
            var now = new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
            Assert.True(store.Chase("ws", 1, Clerk, now, TimeZoneInfo.Utc, out _));
            Assert.True(store.RequestExtension("ws", 1, new DateOnly(2026, 4, 30), "等待批复", new Actor("msteams:zhang", "张三"), now, out _));
            Assert.NotNull(store.DecideExtension("ws", 1, approve: true, null, Clerk, now, out _));
        }
        using (var db = ChatBotDatabase.Open(path))
        {
            var task = Assert.Single(new PlanTaskStore(db, new AuditLog(db)).Open("ws"));
            Assert.Equal((new DateOnly(2026, 4, 30), new DateOnly(2026, 3, 5), 1, 1), (task.DueDate, task.Supervision.OriginalDueDate!.Value, task.Supervision.ApprovedExtensions, task.Supervision.Chases.Count));
        }
    }
}
