using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// The plan-task reminders on China's official calendar, dates worked out by hand from the 2026 notice: 春节 2月15日–23日
/// off (2月14日、28日 Saturdays on); 国庆节 10月1日–7日 off (9月20日 Sunday and 10月10日 Saturday on).
/// </summary>
public class HolidayReminderTests
{
    private const string Ws = ReminderHosts.Workspace;
    private static readonly Actor Clerk = new("msteams:user-1", "王小明");

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static BotHost Host(FakeProactiveSender sender, Dictionary<string, string>? settings = null, List<string>? admins = null)
    {
        var host = ReminderHosts.Create(sender: sender);
        ReminderHosts.SeedWorkspace(host, settings: settings);
        var store = host.Service<WorkspaceStore>();
        if (admins is not null) { var w = store.Get(Ws)!; w.Admins = admins; store.Save(w); }
        store.TouchMember(Ws, "msteams:29:zhang", "张三", null, host.Clock.GetUtcNow());
        return host;
    }

    private static void Seed(BotHost host, DateOnly due) =>
        host.Service<PlanTaskStore>().Import(Ws, [
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Title = "执法公示", Owners = ["张三"], Department = "综合执法办", DueDate = due },
            new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Title = "宪法宣传周", Owners = ["张三"], Department = "司法所", DueDate = new(2026, 12, 10) },
        ], Clerk, host.Clock.GetUtcNow());

    private static int Overdue(FakeProactiveSender sender) => sender.Sent.Count(a => a.Text!.Contains("逾期任务提醒"));

    [Fact]
    public async Task No_overdue_list_on_a_holiday_and_one_on_a_make_up_saturday()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        Seed(host, new(2026, 9, 30));
        var scheduler = host.Service<ReminderScheduler>();
        foreach (var day in Enumerable.Range(1, 7)) await scheduler.RunOnceAsync(Local(10, day, 9, 30)); // 国庆 1–7 (Thu–Wed)
        Assert.Equal(0, Overdue(sender));
        await scheduler.RunOnceAsync(Local(10, 8, 9, 0)); // Thursday back at work
        Assert.Equal(1, Overdue(sender));
        await scheduler.RunOnceAsync(Local(10, 10, 9, 0)); // Saturday, 调休 working day
        Assert.Equal(2, Overdue(sender));
        await scheduler.RunOnceAsync(Local(10, 11, 9, 0)); // Sunday
        Assert.Equal(2, Overdue(sender));
        Assert.Contains(host.Service<OutboxStore>().ForWorkspace(Ws), m => m.Key == $"ws/{Ws}/overdue/2026-10-10");
    }

    [Fact]
    public async Task Escalation_counts_working_days_not_the_national_day_week()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender, admins: ["msteams:29:admin"]); // default: 3 working days
        Seed(host, new(2026, 9, 30));
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(10, 8, 9, 0)); // 8 calendar days late, 1 working day (10-8)
        await scheduler.RunOnceAsync(Local(10, 9, 9, 0)); // 2 working days (8, 9)
        Assert.DoesNotContain(sender.Sent, a => a.Text!.Contains("督办提醒"));
        await scheduler.RunOnceAsync(Local(10, 10, 9, 0)); // 3: the make-up Saturday counts
        var escalation = Assert.Single(sender.Sent, a => a.Text!.Contains("督办提醒"));
        Assert.Contains("1 项任务逾期已达 3 个工作日以上", escalation.Text);
        Assert.Contains("执法公示", escalation.AllText());
        BotHost.AssertCardsValid(sender.Sent);
    }

    [Fact]
    public async Task A_digest_week_of_spring_festival_is_skipped_and_the_next_comes_on_tuesday_saying_why()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        Seed(host, new(2026, 2, 10));
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(2, 9, 9, 0)); // an ordinary Monday
        Assert.Single(sender.Sent, a => a.Text!.Contains("本周工作计划进度公开"));
        await scheduler.RunOnceAsync(Local(2, 14, 9, 0)); // the 调休 Saturday: a working day, but not the week's first
        foreach (var day in Enumerable.Range(15, 9)) await scheduler.RunOnceAsync(Local(2, day, 9, 0)); // 春节 15–23: nothing at all
        Assert.Single(sender.Sent, a => a.Text!.Contains("本周工作计划进度公开"));
        var before = sender.Sent.Count;

        await scheduler.RunOnceAsync(Local(2, 24, 9, 0)); // Tuesday: the first working day of week 9
        var digest = Assert.Single(sender.Sent.Skip(before), a => a.Text!.Contains("本周工作计划进度公开"));
        Assert.Contains("上周(2月16日–2月22日)全周为春节假期,未发进度公开。", digest.Text);
        Assert.Contains("本周一(2月23日)是春节假期,本周进度公开顺延至今天。", digest.Text);
        Assert.Contains("本周一(2月23日)是春节假期", digest.AllText());
        Assert.Contains(host.Service<OutboxStore>().ForWorkspace(Ws), m => m.Key == $"ws/{Ws}/digest/2026-W09");
        await scheduler.RunOnceAsync(Local(2, 25, 9, 0));
        Assert.Equal(2, sender.Sent.Count(a => a.Text!.Contains("本周工作计划进度公开")));
        BotHost.AssertCardsValid(sender.Sent);
    }

    [Fact]
    public async Task After_the_national_day_monday_the_digest_comes_on_thursday_in_english_too()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        var ws = host.Service<WorkspaceStore>().Get(Ws)!;
        ws.Locale = "en-US";
        host.Service<WorkspaceStore>().Save(ws);
        Seed(host, new(2026, 12, 1));
        var scheduler = host.Service<ReminderScheduler>();
        foreach (var day in Enumerable.Range(5, 3)) await scheduler.RunOnceAsync(Local(10, day, 9, 0)); // Mon 5 – Wed 7 off
        Assert.Empty(sender.Sent);
        await scheduler.RunOnceAsync(Local(10, 8, 9, 0));
        var digest = Assert.Single(sender.Sent);
        Assert.Contains("This Monday (Oct 5) was a National Day holiday, so this week's digest comes today.", digest.Text);
        Assert.DoesNotContain("Last week", digest.Text); // 9-28 to 9-30 were working days: last week had its digest
    }

    [Fact]
    public async Task A_group_gets_at_most_one_overdue_list_a_day_however_often_the_scheduler_ticks()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender, admins: ["msteams:29:admin"]);
        Seed(host, new(2026, 9, 30));
        var scheduler = host.Service<ReminderScheduler>();
        var store = host.Service<PlanTaskStore>();
        foreach (var day in new[] { 8, 9, 10 }) // Thu, Fri, and the 调休 Saturday
            for (var minutes = 8 * 60; minutes < 21 * 60; minutes += 20)
            {
                if (minutes == 12 * 60) // a new overdue task at noon: in tomorrow's list, not a second list today
                    store.Create(Ws, new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年依法行政工作计划", Title = $"新增{day}", Owners = ["张三"], DueDate = new(2026, 10, 1) }, Clerk, host.Clock.GetUtcNow());
                await scheduler.RunOnceAsync(Local(10, day, minutes / 60, minutes % 60));
            }
        Assert.Equal(3, Overdue(sender));
        Assert.Equal(["2026-10-08", "2026-10-09", "2026-10-10"],
            host.Service<OutboxStore>().ForWorkspace(Ws).Where(m => m.Kind == "task.overdue").Select(m => m.Key[^10..]).Order());
    }
}
