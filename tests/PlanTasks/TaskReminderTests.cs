using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;

namespace ChatBot.Tests.PlanTasks;

public class TaskReminderTests
{
    private const string Ws = ReminderHosts.Workspace;
    private static readonly Actor Clerk = new("msteams:user-1", "王小明");

    /// <summary>Local Shanghai time (UTC+8) as the UTC instant the scheduler is given.</summary>
    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static BotHost Host(FakeProactiveSender sender, string? db = null, Dictionary<string, string>? settings = null, List<string>? admins = null)
    {
        var host = ReminderHosts.Create(db, sender);
        ReminderHosts.SeedWorkspace(host, settings: settings);
        var store = host.Service<WorkspaceStore>();
        if (admins is not null) { var w = store.Get(Ws)!; w.Admins = admins; store.Save(w); }
        store.TouchMember(Ws, "msteams:29:zhang", "张三", null, host.Clock.GetUtcNow());
        store.TouchMember(Ws, "msteams:29:admin", "赵主任", null, host.Clock.GetUtcNow());
        return host;
    }

    private static void SeedTasks(BotHost host) =>
        host.Service<PlanTaskStore>().Import(Ws, [
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(三)规范执法", Title = "执法公示", Owners = ["张三"], Department = "综合执法办", DueDate = new(2026, 3, 6) },
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(三)规范执法", Title = "案卷评查", Owners = ["李四"], Department = "司法所", DueDate = new(2026, 3, 9) },
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(四)普法", Title = "宪法宣传周", Owners = ["李四"], Department = "司法所", DueDate = new(2026, 12, 10) },
        ], Clerk, host.Clock.GetUtcNow());

    [Fact]
    public async Task Overdue_reminder_goes_out_at_nine_on_working_days_once_a_day_with_mentions()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        SeedTasks(host);
        var scheduler = host.Service<ReminderScheduler>();

        await scheduler.RunOnceAsync(Local(3, 10, 8, 59)); // Tuesday, a minute early
        Assert.Empty(sender.Sent);
        await scheduler.RunOnceAsync(Local(3, 10, 9, 0));
        var reminder = Assert.Single(sender.Sent);
        Assert.Contains("2 项任务已超过完成时限", reminder.Text);
        Assert.Contains("<at>张三</at>", reminder.Text);          // a member of the group: mentioned
        Assert.DoesNotContain("<at>李四</at>", reminder.Text);   // not seen in the group: plain name
        Assert.Contains("李四", reminder.Text);
        var mention = Assert.Single(reminder.Entities!);
        Assert.Equal("29:zhang", mention.Mentioned!.Id);
        var card = reminder.AllText();
        Assert.Contains("🔴 #1 执法公示", card);
        Assert.Contains("逾期4天", card);
        Assert.DoesNotContain("宪法宣传周", card);
        BotHost.AssertCardsValid(sender.Sent);

        await scheduler.RunOnceAsync(Local(3, 10, 9, 1));
        await scheduler.RunOnceAsync(Local(3, 10, 16, 0));
        Assert.Single(sender.Sent); // once a day
        await scheduler.RunOnceAsync(Local(3, 14, 9, 0)); // Saturday
        await scheduler.RunOnceAsync(Local(3, 15, 10, 0)); // Sunday
        Assert.Single(sender.Sent);
        await scheduler.RunOnceAsync(Local(3, 11, 9, 30)); // Wednesday: a new day, a new reminder
        Assert.Equal(2, sender.Sent.Count);
        Assert.Equal(["ws/" + Ws + "/overdue/2026-03-10", "ws/" + Ws + "/overdue/2026-03-11"],
            host.Service<OutboxStore>().ForWorkspace(Ws).Select(m => m.Key).Order());
    }

    [Fact]
    public async Task Tasks_changed_between_ticks_are_in_the_next_days_list()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        SeedTasks(host);
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(3, 10, 9, 0));
        Assert.Contains("2 项任务已超过完成时限", Assert.Single(sender.Sent).Text);

        var store = host.Service<PlanTaskStore>();
        var now = host.Clock.GetUtcNow();
        store.Complete(Ws, 1, "已在政务公开栏公示", Clerk, now);
        store.UpdateProgress(Ws, 2, 50, "已评查一半", Clerk, now);
        store.Create(Ws, new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Title = "新增任务", Owners = ["张三"], DueDate = new(2026, 3, 10) }, Clerk, now);
        await scheduler.RunOnceAsync(Local(3, 10, 9, 30));
        Assert.Single(sender.Sent); // the day's list went out already

        await scheduler.RunOnceAsync(Local(3, 11, 9, 0));
        Assert.Equal(2, sender.Sent.Count);
        var next = sender.Sent[1];
        Assert.Contains("2 项任务已超过完成时限", next.Text);
        Assert.Contains("<at>张三</at>", next.Text); // owner of the new task
        var card = next.AllText();
        Assert.DoesNotContain("执法公示", card);
        Assert.Contains("#2 案卷评查 · 截止3月9日(逾期2天)· 50%", card);
        Assert.Contains("#4 新增任务 · 截止3月10日(逾期1天)· 0%", card);
        BotHost.AssertCardsValid(sender.Sent);
    }

    [Fact]
    public async Task Nothing_is_sent_in_quiet_hours_and_the_reminder_time_is_configurable()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender, settings: new() { ["tasks.reminderTime"] = "21:30", ["quietHours"] = "21:00-08:00" });
        SeedTasks(host);
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(3, 10, 9, 0));   // before this workspace's time
        await scheduler.RunOnceAsync(Local(3, 10, 21, 30)); // its time, but quiet hours
        await scheduler.RunOnceAsync(Local(3, 10, 23, 0));
        Assert.Empty(sender.Sent);

        var w = host.Service<WorkspaceStore>().Get(Ws)!;
        w.Settings["tasks.reminderTime"] = "10:30";
        host.Service<WorkspaceStore>().Save(w);
        await scheduler.RunOnceAsync(Local(3, 11, 10, 29));
        Assert.Empty(sender.Sent);
        await scheduler.RunOnceAsync(Local(3, 11, 10, 30));
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task Monday_brings_the_weekly_digest_once()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        SeedTasks(host);
        var store = host.Service<PlanTaskStore>();
        store.Complete(Ws, 2, "评查完毕,报告已归档", Clerk, host.Clock.GetUtcNow());
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(3, 16, 9, 0)); // Monday
        await scheduler.RunOnceAsync(Local(3, 16, 11, 0));
        var digest = Assert.Single(sender.Sent, a => a.Text!.Contains("本周工作计划进度公开"));
        Assert.Contains("共 3 项,已办结 1 项,逾期 1 项", digest.Text);
        Assert.Contains("✅ #2 案卷评查", digest.AllText());
        Assert.Contains("🟢 #3 宪法宣传周", digest.AllText());
        Assert.Contains(host.Service<OutboxStore>().ForWorkspace(Ws), m => m.Key == $"ws/{Ws}/digest/2026-W12");
        BotHost.AssertCardsValid(sender.Sent);
        await scheduler.RunOnceAsync(Local(3, 17, 9, 0)); // Tuesday: overdue list only
        Assert.Single(sender.Sent, a => a.Text!.Contains("本周工作计划进度公开"));
    }

    [Fact]
    public async Task Tasks_overdue_for_n_working_days_are_escalated_to_the_admins()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender, settings: new() { ["tasks.escalateAfterDays"] = "2" }, admins: ["msteams:29:admin"]);
        SeedTasks(host);
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(3, 9, 9, 0)); // Monday: #1 (due Fri 3-6) is 3 days but 1 working day overdue, below 2
        Assert.DoesNotContain(sender.Sent, a => a.Text!.Contains("督办提醒"));

        await scheduler.RunOnceAsync(Local(3, 10, 9, 0)); // #1 now 2 working days overdue; #2 (due 3-9) only 1
        var escalation = Assert.Single(sender.Sent, a => a.Text!.Contains("督办提醒"));
        Assert.Contains("<at>赵主任</at>", escalation.Text); // no personal chat with the admin yet: in the group, mentioned
        Assert.Contains("1 项任务逾期已达 2 个工作日以上", escalation.Text);
        Assert.Contains("执法公示", escalation.AllText());
        Assert.DoesNotContain("案卷评查", escalation.AllText());

        // Once the admin has a personal chat with the bot, escalations go there.
        host.Service<ConversationReferenceStore>().Upsert(new StoredConversationReference
        {
            Id = "personal:msteams:29:admin", ChannelId = "msteams", ServiceUrl = Activities.ServiceUrl, ConversationId = "a:admin-chat", UpdatedUtc = host.Clock.GetUtcNow(),
        });
        await scheduler.RunOnceAsync(Local(3, 11, 9, 0));
        var index = sender.References.FindIndex(r => r.Id == "personal:msteams:29:admin");
        Assert.True(index >= 0);
        Assert.Equal("a:admin-chat", sender.Sent[index].Conversation!.Id);
        Assert.DoesNotContain("<at>", sender.Sent[index].Text); // a personal chat needs no mention
        Assert.Contains("督办提醒", sender.Sent[index].Text);
    }

    [Fact]
    public async Task After_a_restart_the_warm_up_reads_the_task_lists_so_the_first_tick_does_not()
    {
        var db = TempPaths.NewDatabase();
        using (var before = Host(new FakeProactiveSender(), db)) SeedTasks(before);
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(db, sender);
        var scheduler = host.Service<ReminderScheduler>();
        scheduler.WarmUp(Local(3, 10, 2, 0), default); // restarted at 02:00, outside the reminder window

        // Behind the store's back the stored lists go: the 09:00 tick can only find what the warm-up read into memory.
        var lite = host.Service<LiteDB.LiteDatabase>();
        lite.GetCollection(PlanTaskStore.OpenSnapshots).DeleteAll();
        lite.GetCollection(PlanTaskStore.DoneSnapshots).DeleteAll();
        await scheduler.RunOnceAsync(Local(3, 10, 9, 0));
        Assert.Contains("2 项任务已超过完成时限", Assert.Single(sender.Sent).Text);
    }

    [Fact]
    public async Task Two_bot_instances_in_turn_on_one_database_post_the_daily_list_once()
    {
        var sender = new FakeProactiveSender { FailNext = 1 }; // the first attempt fails, too
        var db = TempPaths.NewDatabase();
        using (var first = Host(sender, db))
        {
            SeedTasks(first);
            await first.Service<ReminderScheduler>().RunOnceAsync(Local(3, 10, 9, 0));
            Assert.Empty(sender.Sent);
        }
        using (var second = ReminderHosts.Create(db, sender))
        {
            var scheduler = second.Service<ReminderScheduler>();
            await scheduler.RunOnceAsync(Local(3, 10, 9, 1)); // backoff not over yet
            await scheduler.RunOnceAsync(Local(3, 10, 9, 5));
            await scheduler.RunOnceAsync(Local(3, 10, 9, 6));
        }
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task WeCom_groups_get_userid_mentions_in_markdown_and_channel_data()
    {
        const string weComWs = "wecom:corp-1:chat-1";
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(sender: sender);
        var now = host.Clock.GetUtcNow();
        host.Service<WorkspaceStore>().Save(new Workspace { Id = weComWs, ChannelId = "wecom", ConversationId = "chat-1", IsGroup = true, Name = "司法所群", CreatedUtc = now, LastSeenUtc = now });
        host.Service<ConversationReferenceStore>().Upsert(new StoredConversationReference { Id = weComWs, ChannelId = "wecom", ConversationId = "chat-1", IsGroup = true, UpdatedUtc = now });
        host.Service<WorkspaceStore>().TouchMember(weComWs, "wecom:zhangsan", "张三", null, now);
        host.Service<PlanTaskStore>().Import(weComWs, [
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "计划", Title = "执法公示", Owners = ["张三"], DueDate = new(2026, 3, 6) },
        ], Clerk, now);

        await host.Service<ReminderScheduler>().RunOnceAsync(Local(3, 10, 9, 0));
        var sent = Assert.Single(sender.Sent);
        Assert.True(sent.Entities is null || sent.Entities.Count == 0); // no Teams mention entities on WeCom
        var data = sent.ChannelData!.Value;
        Assert.Contains("<@zhangsan>", data.GetProperty("markdown").GetString());
        Assert.Equal(["zhangsan"], data.GetProperty("mentionedList").EnumerateArray().Select(e => e.GetString()));
        var message = host.Service<OutboxStore>().ForWorkspace(weComWs).Single();
        Assert.Equal(["zhangsan"], message.MentionUserIds);
        Assert.Equal(OutboxStatus.Sent, message.Status);
    }
}
