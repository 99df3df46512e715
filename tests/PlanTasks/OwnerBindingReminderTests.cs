using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// Bound owners in the reminders (#24) and 待验收 tasks in the Monday digest and the overdue list. The group knows 张三
/// (a member by that name) and nobody called 李四. Tuesday 2026-03-10: #1 (张三) is overdue since 03-06, #2 (李四) since
/// 03-09, #3 (李四) is due 12-10. Monday 2026-03-16 is the digest day.
/// </summary>
public class OwnerBindingReminderTests
{
    private const string Ws = ReminderHosts.Workspace;
    private static readonly Actor Clerk = new("msteams:29:admin", "赵主任");

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static BotHost Host(FakeProactiveSender sender)
    {
        var host = ReminderHosts.Create(null, sender);
        ReminderHosts.SeedWorkspace(host);
        var store = host.Service<WorkspaceStore>();
        store.TouchMember(Ws, "msteams:29:zhang", "张三", null, host.Clock.GetUtcNow());
        host.Service<PlanTaskStore>().Import(Ws, [
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(三)规范执法", Title = "执法公示", Owners = ["张三"], Department = "综合执法办", DueDate = new(2026, 3, 6) },
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(三)规范执法", Title = "案卷评查", Owners = ["李四"], Department = "司法所", DueDate = new(2026, 3, 9) },
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Section = "(四)普法", Title = "宪法宣传周", Owners = ["李四"], Department = "司法所", DueDate = new(2026, 12, 10) },
        ], Clerk, host.Clock.GetUtcNow());
        return host;
    }

    [Fact]
    public async Task The_overdue_reminder_mentions_the_person_an_owner_name_is_bound_to()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        host.Service<OwnerBindingStore>().Bind(Ws, "李四", "msteams:29:lijianguo", "李建国", Clerk, host.Clock.GetUtcNow());

        await host.Service<ReminderScheduler>().RunOnceAsync(Local(3, 10, 9, 0));
        var reminder = Assert.Single(sender.Sent);
        Assert.Contains("<at>张三</at>", reminder.Text);
        Assert.Contains("<at>李四</at>", reminder.Text); // bound, though nobody called 李四 is in the group
        Assert.Equal(["29:lijianguo", "29:zhang"], reminder.Entities!.Select(e => e.Mentioned!.Id).Order());
        Assert.Equal("李四", reminder.Entities!.Single(e => e.Mentioned!.Id == "29:lijianguo").Mentioned!.Name);
        BotHost.AssertCardsValid(sender.Sent);
    }

    [Fact]
    public async Task The_monday_digest_lists_unbound_owners_until_they_are_bound()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(3, 16, 9, 0));
        var digest = sender.Sent.Single(a => a.AllText().Contains("工作计划进度公开"));
        Assert.Contains("尚未绑定、无法@提醒的责任人:李四。", digest.AllText());
        Assert.DoesNotContain("张三。", digest.AllText()); // a member of that name: mentioned already

        host.Service<OwnerBindingStore>().Bind(Ws, "李四", "msteams:29:lijianguo", "李建国", Clerk, host.Clock.GetUtcNow());
        var sentBefore = sender.Sent.Count;
        await scheduler.RunOnceAsync(Local(3, 23, 9, 0));
        var next = sender.Sent.Skip(sentBefore).Single(a => a.AllText().Contains("工作计划进度公开"));
        Assert.DoesNotContain("尚未绑定", next.AllText());
        BotHost.AssertCardsValid(sender.Sent);
    }

    [Fact]
    public async Task A_task_awaiting_acceptance_is_counted_and_shown_in_the_digest_and_not_chased_as_overdue()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        // #2 was due 03-09; its owner reported it done on Friday 03-13 and it waits for 验收.
        host.Service<PlanTaskStore>().Complete(Ws, 2, "已评查案卷30卷", new("msteams:29:lisi", "李四"), Local(3, 13, 10), needsAcceptance: true);

        await host.Service<ReminderScheduler>().RunOnceAsync(Local(3, 16, 9, 0));
        var digest = sender.Sent.Single(a => a.AllText().Contains("工作计划进度公开"));
        Assert.Contains("共 3 项,已办结 0 项,待验收 1 项,逾期 1 项", digest.Text);
        var card = digest.AllText();
        Assert.Contains("⏳ 待验收", card);
        Assert.Contains("#2 案卷评查 · 截止3月9日(待验收)· 100%", card);
        var overdue = sender.Sent.Single(a => a.Text!.Contains("逾期任务提醒"));
        Assert.Contains("1 项任务已超过完成时限", overdue.Text);
        Assert.DoesNotContain("案卷评查", overdue.AllText());
        BotHost.AssertCardsValid(sender.Sent);
    }
}
