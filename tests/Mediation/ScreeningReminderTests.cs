using ChatBot.Bot.Features.Mediation;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;

namespace ChatBot.Tests.Mediation;

/// <summary>The 矛盾纠纷排查 reminder: villages that have not reported in the period, with the dates worked out by hand.</summary>
public class ScreeningReminderTests
{
    private const string Ws = ReminderHosts.Workspace;
    private static readonly MediationActor Clerk = new("msteams:29:wang", "王调解");
    private static readonly WorkingCalendar China = new([WorkingCalendar.Shipped()]);
    private static readonly string[] Villages = ["东岭村", "西岭村", "南湖社区"];

    private static ScreeningRound Round(DateOnly date, string village, bool zero = true) => new()
    {
        WorkspaceId = Ws, Date = date, Village = village, ScreenedBy = "王调解",
        Disputes = zero ? [] : [new ScreenedDispute { Type = DisputeType.Neighbour, Description = "张三与李四因排水沟争吵" }],
    };

    private static List<(string Key, string Text)> Due(DateOnly today, params ScreeningRound[] rounds) =>
        ScreeningReminderSource.Due(today, 2, China, Villages, rounds, Lang.Zh).ToList();

    [Theory]
    // 1–15 December 2026 ends on Tuesday the 15th: back 14 (Mon), 11 (Fri), 10 (Thu).
    [InlineData("2026-12-03", 2, "2026-12-01", "2026-12-15", "2026-12-10")]
    // 16–31 December ends on Thursday the 31st: 30, 29, 28 (Mon).
    [InlineData("2026-12-20", 2, "2026-12-16", "2026-12-31", "2026-12-28")]
    // February 2026 (not a leap year) ends on Saturday the 28th, a 调休 working day of the Spring Festival: 27, 26, 25.
    [InlineData("2026-02-20", 2, "2026-02-16", "2026-02-28", "2026-02-25")]
    // 1–15 February 2026 ends on Sunday the 15th (春节 holiday); Saturday the 14th is a 调休 working day: 14, 13, 12.
    [InlineData("2026-02-02", 2, "2026-02-01", "2026-02-15", "2026-02-12")]
    // February 2028 (a leap year) ends on Tuesday the 29th: 28 (Mon), 25 (Fri), 24 (Thu).
    [InlineData("2028-02-17", 2, "2028-02-16", "2028-02-29", "2028-02-24")]
    // Once a month: the whole of February 2028, the same reminder day.
    [InlineData("2028-02-03", 1, "2028-02-01", "2028-02-29", "2028-02-24")]
    // 16–30 September 2026 ends on Wednesday the 30th; 25–27 September are the 中秋节 holiday: 29, 28, 24 (Thu).
    [InlineData("2026-09-18", 2, "2026-09-16", "2026-09-30", "2026-09-24")]
    public void Periods_and_reminder_days(string day, int perMonth, string from, string to, string reminder)
    {
        var period = ScreeningPeriod.Containing(DateOnly.Parse(day), perMonth);
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (period.From, period.To));
        Assert.Equal(DateOnly.Parse(reminder), ScreeningReminderSource.ReminderDay(period, China));
    }

    [Fact]
    public void The_villages_not_reported_are_listed_before_the_end_and_once_the_period_has_ended()
    {
        // The committee began screening on 2 September 2026; 东岭村 reported a dispute on 17 September.
        var first = Round(new DateOnly(2026, 9, 2), "东岭村");
        var dispute = Round(new DateOnly(2026, 9, 17), "东岭村", zero: false);
        // (1–15 September, which only 东岭村 reported, has its own reminder after it ended: only this period's here.)
        Assert.DoesNotContain(Due(new DateOnly(2026, 9, 23), first, dispute), d => d.Key.EndsWith("/due"));   // the day before the reminder day
        var before = Assert.Single(Due(new DateOnly(2026, 9, 24), first, dispute), d => d.Key.EndsWith("/due"));
        Assert.Equal("2026-09-16/due", before.Key);
        Assert.Contains("本期(9月16日–9月30日)以下村(社区)尚未报送排查情况(发现纠纷或零报告):西岭村、南湖社区。请于 2026年9月30日 前报送", before.Text);
        Assert.DoesNotContain("张三", before.Text);                       // villages only, no personal data

        // After the period: 1–7 October is the National Day holiday, so the first working day after it is 8 October.
        var zero = Round(new DateOnly(2026, 9, 28), "西岭村");
        Assert.DoesNotContain(Due(new DateOnly(2026, 10, 7), first, dispute, zero), d => d.Key.EndsWith("/missed"));
        var missed = Assert.Single(Due(new DateOnly(2026, 10, 8), first, dispute, zero));
        Assert.Equal("2026-09-16/missed", missed.Key);
        Assert.Contains("上期矛盾纠纷排查(9月16日–9月30日)已结束,以下村(社区)未报送:南湖社区。", missed.Text);
        // A late report dated inside the period clears it.
        Assert.Empty(Due(new DateOnly(2026, 10, 8), first, dispute, zero, Round(new DateOnly(2026, 9, 30), "南湖社区")));
        // Periods that ended before the first round are not reminded: 16–31 August.
        Assert.DoesNotContain(Due(new DateOnly(2026, 9, 2), first), d => d.Key.EndsWith("/missed"));
        // Everyone reported: nothing.
        Assert.DoesNotContain(Due(new DateOnly(2026, 9, 29), first, dispute, zero, Round(new DateOnly(2026, 9, 16), "南湖社区")), d => d.Key.EndsWith("/due"));
        Assert.Contains(Due(new DateOnly(2026, 9, 29), first, dispute, zero), d => d.Key == "2026-09-16/due");
    }

    [Fact]
    public void After_the_end_of_december_the_reminder_waits_for_the_first_working_day_of_january()
    {
        var first = Round(new DateOnly(2026, 12, 1), "东岭村");
        // 1 January 2027 is 元旦, 2 and 3 are a weekend: Monday 4 January.
        Assert.DoesNotContain(Due(new DateOnly(2027, 1, 1), first), d => d.Key.EndsWith("/missed"));
        Assert.DoesNotContain(Due(new DateOnly(2027, 1, 3), first), d => d.Key.EndsWith("/missed"));
        var missed = Assert.Single(Due(new DateOnly(2027, 1, 4), first), d => d.Key.EndsWith("/missed"));
        Assert.Equal("2026-12-16/missed", missed.Key);
        Assert.Contains("东岭村、西岭村、南湖社区", missed.Text);
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    [Fact]
    public async Task Through_the_outbox_once_on_working_days_outside_quiet_hours_in_the_group_language()
    {
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(sender: sender);
        ReminderHosts.SeedWorkspace(host, settings: new() { ["quietHours"] = "21:00-10:30", ["mediation.villages"] = "东岭村、西岭村" });
        var store = host.Service<ScreeningStore>();
        store.Save(Round(new DateOnly(2026, 12, 1), "东岭村"), "r1", Clerk, Local(2026, 12, 1, 10));
        var scheduler = host.Service<ReminderScheduler>();

        await scheduler.RunOnceAsync(Local(2026, 12, 9, 11));      // Wednesday: before the reminder day (10 December)
        await scheduler.RunOnceAsync(Local(2026, 12, 10, 10, 29)); // the reminder day, still quiet until 10:30
        Assert.Empty(sender.Sent);
        await scheduler.RunOnceAsync(Local(2026, 12, 10, 10, 30));
        Assert.Contains("本期(12月1日–12月15日)以下村(社区)尚未报送排查情况(发现纠纷或零报告):西岭村。", Assert.Single(sender.Sent).Text);
        await scheduler.RunOnceAsync(Local(2026, 12, 11, 10, 30)); // once only
        await scheduler.RunOnceAsync(Local(2026, 12, 12, 10, 30)); // Saturday
        Assert.Single(sender.Sent);

        // Not reported by the 15th: Wednesday 16 December lists it again, in English for an English group.
        var workspaces = host.Service<ChatBot.Storage.Conversations.WorkspaceStore>();
        var w = workspaces.Get(Ws)!;
        w.Locale = "en-US";
        workspaces.Save(w);
        await scheduler.RunOnceAsync(Local(2026, 12, 16, 10, 30));
        Assert.Equal(2, sender.Sent.Count);
        Assert.Contains("The screening period 2026-12-01 – 2026-12-15 has ended; these villages did not report: 西岭村.", sender.Sent[1].Text);
        BotHost.AssertCardsValid(sender.Sent);
    }
}
