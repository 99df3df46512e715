using ChatBot.Storage.Engine;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.Postgres;
using Npgsql;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>
/// MediationStore's and ScreeningStore's questions about many workspaces at once (what the reminder tick asks): a
/// contract test, each on LiteDB and on PostgreSQL.
/// </summary>
public class MediationAcrossWorkspacesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly MediationActor Clerk = new("msteams:user-1", "王小明");

    private static MediationCase Add(MediationStore store, string ws, string form, DateOnly received, string village, MediationStatus status)
    {
        var c = Case(received, DisputeType.Neighbour, village, status);
        c.WorkspaceId = ws;
        return store.Create(c, form, Clerk, Now).Case;
    }

    private static MediationCase Settle(MediationStore store, MediationCase c, DateOnly closed, DateOnly? performBy = null) =>
        store.RecordOutcome(c.WorkspaceId, c.CaseNo, new MediationOutcome
        {
            Status = MediationStatus.Succeeded, AgreementForm = AgreementForm.Written, ClosedOn = closed, AgreementTerms = "赔偿修缮费", PerformanceDeadline = performBy,
        }, Clerk, Now)!;

    /// <summary>
    /// A: 2026-001 open; 2026-002 settled 1 February without a deadline (回访 due 30 days later: 3 March); 2026-003 settled
    /// 1 February and visited on the 20th (nothing due); 2026-004 failed. B: 2026-001 settled 1 March, to perform by
    /// 30 April (回访 due 27 April); 2026-002 in progress.
    /// </summary>
    private static (DocumentDatabase Db, MediationStore Store) Seeded(string provider)
    {
        var db = StorageProviders.Open(provider);
        var store = new MediationStore(db);
        Add(store, "A", "a1", new(2026, 1, 5), "东岭村", MediationStatus.Accepted);
        Settle(store, Add(store, "A", "a2", new(2026, 1, 6), "西岭村", MediationStatus.InProgress), new(2026, 2, 1));
        var visited = Settle(store, Add(store, "A", "a3", new(2026, 1, 7), " 南湖村 ", MediationStatus.InProgress), new(2026, 2, 1));
        store.AddFollowUp("A", visited.CaseNo, new FollowUpVisit { Date = new(2026, 2, 20), By = "王调解", Performance = Performance.Fulfilled }, Clerk, Now);
        store.RecordOutcome("A", Add(store, "A", "a4", new(2026, 1, 8), "东岭村", MediationStatus.InProgress).CaseNo, MediationStatus.Failed, null, null, Clerk, Now);
        Settle(store, Add(store, "B", "b1", new(2026, 2, 20), "北山村", MediationStatus.InProgress), new(2026, 3, 1), new(2026, 4, 30));
        Add(store, "B", "b2", new(2026, 3, 2), "北山村", MediationStatus.InProgress);
        return (db, store);
    }

    private static Dictionary<string, string[]> CaseNos(IReadOnlyDictionary<string, IReadOnlyList<MediationCase>> cases) =>
        cases.ToDictionary(kv => kv.Key, kv => kv.Value.Select(c => c.CaseNo).ToArray());

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Reminder_candidates_are_the_open_cases_the_follow_ups_due_and_the_recently_settled(string provider)
    {
        var (db, store) = Seeded(provider);
        using var _ = db;
        Assert.Equal(new DateOnly(2026, 3, 3), store.Get("A", "2026-002")!.FollowUpDue);
        // 10 March: A's open case and its 回访 due since 3 March (newest number first), B's open case.
        Assert.Equal(new Dictionary<string, string[]> { ["A"] = ["2026-002", "2026-001"], ["B"] = ["2026-002"] }, CaseNos(store.ReminderCandidates(new(2026, 3, 10), null)));
        // 2 March: the 回访 is not due yet.
        Assert.Equal(new Dictionary<string, string[]> { ["A"] = ["2026-001"], ["B"] = ["2026-002"] }, CaseNos(store.ReminderCandidates(new(2026, 3, 2), null)));
        // With the 司法确认 window from 8 February: B's case settled on 1 March too (and each case once).
        Assert.Equal(new Dictionary<string, string[]> { ["A"] = ["2026-002", "2026-001"], ["B"] = ["2026-002", "2026-001"] },
            CaseNos(store.ReminderCandidates(new(2026, 3, 10), new(2026, 2, 8))));
        // From 1 February: A's two cases settled that day as well, the visited one included; never the failed one.
        Assert.Equal(["2026-003", "2026-002", "2026-001"], CaseNos(store.ReminderCandidates(new(2026, 3, 10), new(2026, 2, 1)))["A"]);
    }

    [Fact]
    public void Cases_stored_before_schema_6_are_found_after_it_even_without_a_stored_follow_up_date()
    {
        using var dataSource = NpgsqlDataSource.Create(PostgresServer.NewDatabase());
        PostgresSchema.Migrate(dataSource, upTo: 5);
        using (var before = new PostgresDocumentDatabase(dataSource))
        {
            var store = new MediationStore(before);
            Add(store, "A", "a1", new(2026, 1, 5), "东岭村", MediationStatus.Accepted);
            Settle(store, Add(store, "A", "a2", new(2026, 1, 6), "西岭村", MediationStatus.InProgress), new(2026, 2, 1));
            var old = Settle(store, Add(store, "B", "b1", new(2026, 1, 7), "北山村", MediationStatus.InProgress), new(2026, 2, 2));
            Add(store, "B", "b2", new(2026, 1, 8), "北山村", MediationStatus.Failed);
            // A case as the versions before FollowUpDue stored it: the field is missing.
            var cases = before.Table(MediationStore.Cases);
            var doc = cases.FindById(old.Id)!;
            doc.Remove("FollowUpDue");
            cases.Update(doc);
        }
        PostgresSchema.Migrate(dataSource);
        using var after = new PostgresDocumentDatabase(dataSource);
        // 10 March: A's open case and its 回访 due 3 March; B's settled 2 February, due 4 March, though it stored no date.
        Assert.Equal(new Dictionary<string, string[]> { ["A"] = ["2026-002", "2026-001"], ["B"] = ["2026-001"] },
            CaseNos(new MediationStore(after).ReminderCandidates(new(2026, 3, 10), null)));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Villages_named_on_the_cases_of_many_workspaces(string provider)
    {
        var (db, store) = Seeded(provider);
        using var _ = db;
        var villages = store.VillagesOf(["A", "B", "Z"]);
        Assert.Equal(["A", "B", "Z"], villages.Keys.Order());
        Assert.Equal([" 南湖村 ", "东岭村", "西岭村"], villages["A"].Order(StringComparer.Ordinal));
        Assert.Equal(["北山村"], villages["B"]);
        Assert.Empty(villages["Z"]);
        Assert.Equal(["北山村"], store.VillagesOf(["B"])["B"]);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Screening_rounds_of_many_workspaces_and_which_have_any(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ScreeningStore(db);
        ScreeningRound Round(string ws, DateOnly date, string village) => new() { WorkspaceId = ws, Date = date, Village = village, ScreenedBy = "李娜" };
        store.Save(Round("A", new(2026, 3, 5), "西岭村"), "f1", Clerk, Now);
        store.Save(Round("A", new(2026, 3, 2), "东岭村"), "f2", Clerk, Now);
        store.Save(Round("B", new(2026, 3, 3), "北山村"), "f1", Clerk, Now);
        store.Save(Round("B", new(2026, 3, 4), "北山村"), "f2", Clerk, Now);

        Assert.Equal(["A", "B"], store.Workspaces().Order());
        var rounds = store.All(["A", "C"]);
        Assert.Equal(["A", "C"], rounds.Keys.Order());
        Assert.Equal(["东岭村", "西岭村"], rounds["A"].Select(r => r.Village)); // oldest first
        Assert.Equal(store.All("A").Select(r => r.Id), rounds["A"].Select(r => r.Id));
        Assert.Empty(rounds["C"]);
        using var empty = StorageProviders.Open(provider);
        Assert.Empty(new ScreeningStore(empty).Workspaces());
    }
}
