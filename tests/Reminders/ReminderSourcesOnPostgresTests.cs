using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Reminders;

/// <summary>
/// On PostgreSQL the reminder sources ask for all workspaces at once (a few set-based queries a tick): these tests give
/// the same records to a bot on LiteDB (the per-workspace lists) and to one on PostgreSQL, over several workspaces,
/// one of them in Los Angeles, and check that both find the same reminders, which are the ones worked out by hand.
/// </summary>
public class ReminderSourcesOnPostgresTests
{
    // 16:30 UTC on Monday 16 March 2026: already Tuesday 17 March, 00:30 in Shanghai (the Shanghai groups remind from
    // 00:00 and have no quiet hours), still Monday 16 March, 09:30 in Los Angeles (PDT since 8 March, UTC−7): the
    // week's first working day there, so the weekly digest is due in the Los Angeles groups only.
    private static readonly DateTimeOffset At = new(2026, 3, 16, 16, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private const string Sh1 = "ws-sh-1", Sh2 = "ws-sh-2", La = "ws-la", La2 = "ws-la-2", La3 = "ws-la-3", Idle = "ws-idle";
    private const string Admin = "msteams:29:admin";
    private static readonly Actor Clerk = new("msteams:29:clerk", "王小明");
    private static readonly MediationActor Mediator = new("msteams:29:clerk", "王调解");

    private static BotHost Host(string provider) => provider == "postgres"
        ? BotHost.OnPostgres(settings: new() { ["Reminders:Enabled"] = "false" })
        : ReminderHosts.Create();

    private static void Workspaces(BotHost host, Dictionary<string, Dictionary<string, string>>? settings = null)
    {
        var store = host.Service<WorkspaceStore>();
        var shanghai = new Dictionary<string, string> { ["tasks.reminderTime"] = "00:00", ["quietHours"] = "00:00-00:00" };
        foreach (var (id, zone) in new[] { (Sh1, "Asia/Shanghai"), (Sh2, "Asia/Shanghai"), (La, "America/Los_Angeles"), (La2, "America/Los_Angeles"), (La3, "America/Los_Angeles"), (Idle, "Asia/Shanghai") })
        {
            var own = settings?.GetValueOrDefault(id) ?? [];
            store.Save(new Workspace
            {
                Id = id, ChannelId = "msteams", TenantId = "tenant-1", ConversationId = "19:" + id, IsGroup = true, Name = id, TimeZone = zone,
                Settings = (zone == "Asia/Shanghai" ? shanghai : []).Concat(own).ToDictionary(kv => kv.Key, kv => kv.Value),
                Admins = id == Sh1 ? [Admin] : [], CreatedUtc = Earlier, LastSeenUtc = Earlier,
            });
        }
    }

    /// <summary>What the source offers at <see cref="At"/>: key, kind, due, expiry and text of each, sorted by key.</summary>
    private static async Task<List<string>> Collect(BotHost host, string source)
    {
        var found = new List<OutboxMessage>();
        await host.Services.GetServices<IReminderSource>().Single(s => s.Name == source).CollectAsync(At, found.Add, CancellationToken.None);
        return found.Select(m => $"{m.Key} | {m.Kind} | {m.DueUtc:O} | {m.ExpiresUtc:O} | {m.Markdown}").Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<(List<string> Lite, List<string> Postgres)> OnBoth(string source, Action<BotHost> seed)
    {
        Assert.Equal(TimeSpan.FromHours(-7), TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles").GetUtcOffset(At)); // the zone exists here
        using var lite = Host("litedb");
        using var pg = Host("postgres");
        seed(lite);
        seed(pg);
        var found = (await Collect(lite, source), await Collect(pg, source));
        Assert.Equal(found.Item1, found.Item2);
        return found;
    }

    private static string Keys(List<string> found) => string.Join("\n", found.Select(f => f[..f.IndexOf(" | ", StringComparison.Ordinal)]));

    private static PlanTaskDraft Draft(string title, DateOnly due) => new()
        { PlanYear = 2026, PlanTitle = "2026年工作要点", Title = title, Owners = ["张三"], Department = "司法所", DueDate = due };

    private static void PlanTasks(BotHost host)
    {
        Workspaces(host);
        var tasks = host.Service<PlanTaskStore>();
        // Shanghai (17 March): due 20 February (late enough to escalate: 3 working days) and 16 March are overdue; one
        // signed for; one assigned on 16 March (one working day ago) is not overdue and not yet late to sign for.
        tasks.Create(Sh1, Draft("sh-due-0220", new(2026, 2, 20)), Clerk, Earlier);
        tasks.Create(Sh1, Draft("sh-due-0316", new(2026, 3, 16)), Clerk, Earlier);
        var signed = tasks.Create(Sh1, Draft("sh-signed-0410", new(2026, 4, 10)), Clerk, Earlier)!;
        tasks.Acknowledge(Sh1, signed.Id, Clerk, Earlier.AddHours(1));
        tasks.Create(Sh1, Draft("sh-new-0420", new(2026, 4, 20)), Clerk, new DateTimeOffset(2026, 3, 16, 1, 0, 0, TimeSpan.Zero));
        tasks.Create(Sh2, Draft("sh2-due-0320", new(2026, 3, 20)), Clerk, Earlier);
        // Los Angeles (16 March): due 13 March is overdue, due 16 March is not yet, though it is in Shanghai.
        tasks.Create(La, Draft("la-due-0313", new(2026, 3, 13)), Clerk, Earlier);
        tasks.Create(La, Draft("la-due-0316", new(2026, 3, 16)), Clerk, Earlier);
        var done = tasks.Create(La2, Draft("la2-done", new(2026, 3, 5)), Clerk, Earlier)!;
        tasks.Complete(La2, done.Id, "已办结", Clerk, Earlier.AddDays(1));
        tasks.SaveDraft(La3, Draft("la3-draft", default), Clerk, Earlier);
    }

    [Theory, InlineData("plantasks")]
    public async Task Overdue_escalation_and_digest_reminders_are_the_same_on_postgres(string source)
    {
        var (found, _) = await OnBoth(source, PlanTasks);
        Assert.Equal(string.Join("\n",
            $"ws/{La2}/digest/2026-W12", $"ws/{La}/digest/2026-W12", $"ws/{La}/overdue/2026-03-16",
            $"ws/{Sh1}/escalate/2026-03-17/{Admin}", $"ws/{Sh1}/overdue/2026-03-17"), Keys(found));
        var laOverdue = found.Single(f => f.StartsWith($"ws/{La}/overdue/", StringComparison.Ordinal));
        Assert.Contains("la-due-0313", laOverdue);
        Assert.DoesNotContain("la-due-0316", laOverdue);
        var shOverdue = found.Single(f => f.StartsWith($"ws/{Sh1}/overdue/", StringComparison.Ordinal));
        Assert.Contains("sh-due-0220", shOverdue);
        Assert.Contains("sh-due-0316", shOverdue);
        Assert.Contains("2026-03-17T16:00:00.0000000+00:00", shOverdue); // expires at the end of 17 March in Shanghai
    }

    [Theory, InlineData("plantasks.unsigned")]
    public async Task Not_signed_for_reminders_are_the_same_on_postgres(string source)
    {
        var (found, _) = await OnBoth(source, PlanTasks);
        // Assigned on 2 March: 2 working days and more in both zones; the one assigned on 16 March is not late yet.
        Assert.Equal($"ws/{La}/unsigned/2026-03-16\nws/{Sh1}/unsigned/2026-03-17\nws/{Sh2}/unsigned/2026-03-17", Keys(found));
        Assert.Contains("2 项任务超过 2 个工作日未签收", found.Single(f => f.StartsWith($"ws/{Sh1}/", StringComparison.Ordinal)));
    }

    private static MediationCase Case(BotHost host, string ws, string form, DateOnly received, string village, MediationStatus status)
    {
        var c = ChatBot.Tests.Mediation.MediationTestKit.Case(received, DisputeType.Neighbour, village, status);
        c.WorkspaceId = ws;
        c.Mediators = ["王调解"];
        return host.Service<MediationStore>().Create(c, form, Mediator, Earlier).Case;
    }

    private static void Settle(BotHost host, MediationCase c, DateOnly closed) =>
        host.Service<MediationStore>().RecordOutcome(c.WorkspaceId, c.CaseNo, new MediationOutcome
            { Status = MediationStatus.Succeeded, AgreementForm = AgreementForm.Written, ClosedOn = closed, AgreementTerms = "赔偿修缮费" }, Mediator, Earlier);

    private static void Mediation(BotHost host)
    {
        Workspaces(host);
        // Shanghai (17 March): received 14 February, limit 14 March: overdue; settled 1 February: 回访 due since 3 March.
        Case(host, Sh1, "s1", new(2026, 2, 14), "东岭村", MediationStatus.InProgress);
        Settle(host, Case(host, Sh1, "s2", new(2026, 1, 20), "西岭村", MediationStatus.InProgress), new(2026, 2, 1));
        // Los Angeles (16 March): received 17 February, limit 17 March: the 5-day warning; a written agreement signed
        // 25 February: 司法确认 is reminded from day 20, 17 March (already in Shanghai, not yet in Los Angeles).
        Case(host, La, "l1", new(2026, 2, 17), "北山村", MediationStatus.Accepted);
        Settle(host, Case(host, La, "l2", new(2026, 2, 10), "南湖村", MediationStatus.InProgress), new(2026, 2, 25));
        // Settled 20 February (day 20 is 12 March, within the window in both zones) in a group that turned it off.
        Settle(host, Case(host, Sh2, "s3", new(2026, 2, 1), "东岭村", MediationStatus.InProgress), new(2026, 2, 20));
        var failed = Case(host, La2, "l3", new(2026, 1, 2), "北山村", MediationStatus.InProgress);
        host.Service<MediationStore>().RecordOutcome(La2, failed.CaseNo, MediationStatus.Failed, null, null, Mediator, Earlier);
        var sh2 = host.Service<WorkspaceStore>().Get(Sh2)!;
        sh2.Settings["mediation.courtReminder"] = "off";
        host.Service<WorkspaceStore>().Save(sh2);
    }

    [Theory, InlineData("mediation")]
    public async Task Mediation_reminders_are_the_same_on_postgres(string source)
    {
        var (found, _) = await OnBoth(source, Mediation);
        Assert.Equal(string.Join("\n", $"mediation/{La}|2026-001/limit/2026-03-17", $"mediation/{Sh1}|2026-001/overdue/2026-03-14",
            $"mediation/{Sh1}|2026-002/followup/2026-03-03"), Keys(found));
    }

    private static void Screening(BotHost host)
    {
        Workspaces(host, new() { [Sh1] = new() { ["mediation.villages"] = "东岭村 西岭村" } });
        var rounds = host.Service<ScreeningStore>();
        ScreeningRound Round(string ws, DateOnly date, string village) => new() { WorkspaceId = ws, Date = date, Village = village, ScreenedBy = "李娜" };
        // Period 1–15 March ended: Shanghai's set villages lack 西岭村; Los Angeles knows 南湖村 from a case and
        // 北山村 from its round; Sh2 reported its one village.
        rounds.Save(Round(Sh1, new(2026, 3, 2), "东岭村"), "r1", Mediator, Earlier);
        rounds.Save(Round(La, new(2026, 3, 3), "北山村"), "r2", Mediator, Earlier);
        Case(host, La, "l1", new(2026, 2, 17), "南湖村", MediationStatus.Accepted);
        rounds.Save(Round(Sh2, new(2026, 3, 4), "东岭村"), "r3", Mediator, Earlier);
        Case(host, La2, "l2", new(2026, 2, 17), "北山村", MediationStatus.Accepted); // cases but no rounds: takes no part
    }

    [Theory, InlineData("mediation-screening")]
    public async Task Screening_reminders_are_the_same_on_postgres(string source)
    {
        var (found, _) = await OnBoth(source, Screening);
        Assert.Equal($"screening/{La}/2026-03-01/missed\nscreening/{Sh1}/2026-03-01/missed", Keys(found));
        Assert.Contains("南湖村", found[0]);
        Assert.DoesNotContain("北山村", found[0]);
        Assert.Contains("西岭村", found[1]);
    }
}
