using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;

namespace ChatBot.Tests.Mediation;

/// <summary>The mediation time limits as group reminders, with the dates worked out by hand.</summary>
public class MediationReminderTests
{
    private const string Ws = ReminderHosts.Workspace;
    private static readonly MediationActor Clerk = new("msteams:29:wang", "王调解");

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static BotHost Host(FakeProactiveSender sender, Dictionary<string, string>? settings = null)
    {
        var host = ReminderHosts.Create(sender: sender);
        ReminderHosts.SeedWorkspace(host, settings: settings);
        host.Service<WorkspaceStore>().TouchMember(Ws, "msteams:29:wang", "王调解", null, host.Clock.GetUtcNow());
        return host;
    }

    private static MediationCase Add(BotHost host, MediationCase c, string formId)
    {
        c.WorkspaceId = Ws;
        c.Mediators = ["王调解", "李调解"];
        return host.Service<MediationStore>().Create(c, formId, Clerk, host.Clock.GetUtcNow()).Case;
    }

    [Fact]
    public async Task Time_limit_warning_five_days_before_overdue_after_and_again_after_an_extension()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender);
        // Received 31 January 2026: one month ends on 28 February (no 31st); the warning is due from 23 February.
        var c = Add(host, MediationTestKit.Case(new DateOnly(2026, 1, 31), DisputeType.Neighbour, "东岭村", MediationStatus.InProgress), "f1");
        var scheduler = host.Service<ReminderScheduler>();

        await scheduler.RunOnceAsync(Local(2026, 2, 20, 9));  // Friday, 8 days before
        await scheduler.RunOnceAsync(Local(2026, 2, 23, 8, 59)); // Monday, before the reminder time
        Assert.Empty(sender.Sent);
        await scheduler.RunOnceAsync(Local(2026, 2, 23, 9));
        var warning = Assert.Single(sender.Sent);
        Assert.Contains("调解案件 2026-001 的调解期限为 2026年2月28日,还有 5 天", warning.Text);
        Assert.Contains("<at>王调解</at>", warning.Text);  // a member: mentioned
        Assert.Contains("李调解", warning.Text);            // not seen in the group: plain name
        Assert.Equal("29:wang", Assert.Single(warning.Entities!).Mentioned!.Id);
        Assert.DoesNotContain("甲某", warning.Text);        // no party names in the group

        await scheduler.RunOnceAsync(Local(2026, 2, 24, 9));
        await scheduler.RunOnceAsync(Local(2026, 2, 28, 10)); // Saturday: the limit day, no reminders at weekends
        await scheduler.RunOnceAsync(Local(2026, 3, 1, 10));  // Sunday
        Assert.Single(sender.Sent);
        await scheduler.RunOnceAsync(Local(2026, 3, 2, 9));   // Monday: past the limit
        Assert.Equal(2, sender.Sent.Count);
        Assert.Contains("🔴 调解案件 2026-001 已超过调解期限(2026年2月28日)", sender.Sent[1].Text);

        // 延长调解 by a month from the current limit: 28 February → 28 March; warned again from 23 March.
        host.Service<MediationStore>().Extend(Ws, c.CaseNo, new MediationExtension { RecordedOn = new(2026, 3, 2), Reason = "双方同意", NewLimit = new DateOnly(2026, 2, 28).AddMonths(1) }, Clerk, Local(2026, 3, 2, 10));
        await scheduler.RunOnceAsync(Local(2026, 3, 20, 9));  // Friday: 8 days before the new limit
        Assert.Equal(2, sender.Sent.Count);
        await scheduler.RunOnceAsync(Local(2026, 3, 23, 9));
        Assert.Equal(3, sender.Sent.Count);
        Assert.Contains("调解期限为 2026年3月28日,还有 5 天", sender.Sent[2].Text);
        BotHost.AssertCardsValid(sender.Sent);
    }

    [Fact]
    public async Task Court_confirmation_on_day_twenty_and_follow_up_thirty_days_after_settlement_in_a_leap_year_outside_quiet_hours()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender, new() { ["quietHours"] = "21:00-10:30" });
        // Written agreement signed 9 February 2028. Day 20 is 29 February (leap year), day 30 is 10 March; with no
        // performance deadline the 回访 is due 30 days after settlement, also 10 March.
        var c = MediationTestKit.Case(new DateOnly(2028, 2, 1), DisputeType.Contract, "南湖村", MediationStatus.Succeeded, AgreementForm.Written);
        c.ClosedOn = new DateOnly(2028, 2, 9);
        c.AgreementTerms = "乙方于3月底前付清货款";
        Add(host, c, "f2");
        // An oral agreement of the same day: no 司法确认 reminder (only written agreements), but a 回访.
        var oral = MediationTestKit.Case(new DateOnly(2028, 2, 1), DisputeType.Family, "南湖村", MediationStatus.Succeeded, AgreementForm.Oral);
        oral.ClosedOn = new DateOnly(2028, 2, 9);
        oral.PerformanceDeadline = new DateOnly(2028, 3, 2); // 回访 due 3 days before: 28 February (crossing the 29th)
        Add(host, oral, "f3");
        var scheduler = host.Service<ReminderScheduler>();

        await scheduler.RunOnceAsync(Local(2028, 2, 25, 10, 30)); // Friday
        Assert.Empty(sender.Sent);
        await scheduler.RunOnceAsync(Local(2028, 2, 28, 10, 30)); // Monday: the oral case's 回访
        Assert.Contains("调解案件 2028-002 待回访(履行期限 2028年3月2日)", Assert.Single(sender.Sent).Text);
        await scheduler.RunOnceAsync(Local(2028, 2, 29, 9));      // day 20, but quiet until 10:30
        await scheduler.RunOnceAsync(Local(2028, 2, 29, 10, 29));
        Assert.Single(sender.Sent);
        await scheduler.RunOnceAsync(Local(2028, 2, 29, 10, 30));
        Assert.Equal(2, sender.Sent.Count);
        Assert.Contains("调解案件 2028-001 的书面协议如需司法确认,双方应在 2028年3月10日 前共同向法院申请", sender.Sent[1].Text);
        Assert.Contains("<at>王调解</at>", sender.Sent[1].Text);

        await scheduler.RunOnceAsync(Local(2028, 3, 9, 10, 30));
        Assert.Equal(2, sender.Sent.Count);
        await scheduler.RunOnceAsync(Local(2028, 3, 10, 10, 30)); // day 30 after settlement
        Assert.Equal(3, sender.Sent.Count);
        Assert.Contains("调解案件 2028-001 待回访。", sender.Sent[2].Text);
    }

    [Fact]
    public async Task The_court_confirmation_reminder_can_be_turned_off_and_speaks_english_in_an_english_group()
    {
        var sender = new FakeProactiveSender();
        using var host = Host(sender, new() { ["mediation.courtReminder"] = "off" });
        var c = MediationTestKit.Case(new DateOnly(2028, 2, 1), DisputeType.Contract, "南湖村", MediationStatus.Succeeded, AgreementForm.Written);
        c.ClosedOn = new DateOnly(2028, 2, 9);
        c.PerformanceDeadline = new DateOnly(2028, 6, 30);
        Add(host, c, "f4");
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(2028, 2, 29, 9));
        Assert.Empty(sender.Sent);

        var store = host.Service<WorkspaceStore>();
        var w = store.Get(Ws)!;
        w.Settings.Remove("mediation.courtReminder");
        w.Locale = "en-US";
        store.Save(w);
        await scheduler.RunOnceAsync(Local(2028, 3, 1, 9));
        Assert.Contains("they must apply together by 2028-03-10", Assert.Single(sender.Sent).Text);
    }
}
