using ChatBot.Storage.Engine;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

public class MediationStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly MediationActor Clerk = new("msteams:user-1", "王小明");

    // A contract test: each runs on LiteDB and on PostgreSQL.
    private static (DocumentDatabase Db, MediationStore Store) Open(string provider)
    {
        var db = StorageProviders.Open(provider);
        return (db, new MediationStore(db));
    }

    private static MediationCase In(string workspace, DateOnly received)
    {
        var c = Case(received, DisputeType.Neighbour, "东岭村", MediationStatus.Accepted);
        c.WorkspaceId = workspace;
        return c;
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Case_numbers_are_sequential_per_workspace_and_year(string provider)
    {
        var (db, store) = Open(provider);
        using var _ = db;
        var a1 = store.Create(In("A", new(2026, 1, 5)), "f1", Clerk, Now).Case;
        var a2 = store.Create(In("A", new(2026, 2, 5)), "f2", Clerk, Now).Case;
        var b1 = store.Create(In("B", new(2026, 2, 6)), "f3", Clerk, Now).Case;
        var a2025 = store.Create(In("A", new(2025, 12, 30)), "f4", Clerk, Now).Case;
        var a3 = store.Create(In("A", new(2026, 3, 1)), "f5", Clerk, Now).Case;

        Assert.Equal(["2026-001", "2026-002", "2026-001", "2025-001", "2026-003"], new[] { a1, a2, b1, a2025, a3 }.Select(c => c.CaseNo));
        Assert.Equal(4, store.All("A").Count);
        Assert.Equal("2026-001", Assert.Single(store.All("B")).CaseNo);
        Assert.Null(store.Get("B", "2026-002"));
        Assert.Null(store.FindByForm("B", "f1"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void The_same_form_id_returns_the_existing_case_and_other_workspaces_may_reuse_it(string provider)
    {
        var (db, store) = Open(provider);
        using var _ = db;
        var first = store.Create(In("A", new(2026, 1, 5)), "form-x", Clerk, Now);
        var again = store.Create(In("A", new(2026, 1, 6)), "form-x", Clerk, Now);
        var other = store.Create(In("B", new(2026, 1, 6)), "form-x", Clerk, Now);
        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Case.CaseNo, again.Case.CaseNo);
        Assert.Equal(new DateOnly(2026, 1, 5), again.Case.ReceivedOn);
        Assert.True(other.Created);
        Assert.Single(store.All("A"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task Parallel_creates_get_distinct_consecutive_numbers(string provider)
    {
        var (db, store) = Open(provider);
        using var _ = db;
        var tasks = Enumerable.Range(1, 20).Select(i => Task.Run(() => store.Create(In("A", new(2026, 3, 1)), "f" + i, Clerk, Now))).ToList();
        await Task.WhenAll(tasks);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"2026-{i:000}"), store.All("A").Select(c => c.CaseNo).Order());
    }

    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_database_never_give_a_number_twice_and_save_a_form_once()
    {
        // Two stores, each with its own connections, as two bot processes would have: no in-process lock is shared.
        using var two = new TwoPostgresInstances();
        var a = new MediationStore(two.A);
        var b = new MediationStore(two.B);
        var saves = Enumerable.Range(1, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).Create(In("A", new(2026, 3, 1)), "f" + (i % 30), Clerk, Now))).ToList();
        var results = await Task.WhenAll(saves);

        Assert.Equal(30, results.Count(r => r.Created));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"2026-{i:000}"), a.All("A").Select(c => c.CaseNo).Order());
        Assert.Equal(30, b.All("A").Select(c => c.FormKey).Distinct().Count());
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Follow_ups_and_outcomes_change_the_case_and_are_audited(string provider)
    {
        var (db, store) = Open(provider);
        using var _ = db;
        var c = store.Create(In("A", new(2026, 3, 1)), "f1", Clerk, Now).Case;
        var later = Now.AddHours(2);
        var settled = store.RecordOutcome("A", c.CaseNo, MediationStatus.Succeeded, AgreementForm.Oral, "当场和解", new("msteams:user-2", "李娜"), later)!;
        Assert.Equal(MediationStatus.Succeeded, settled.Status);
        Assert.Equal(AgreementForm.Oral, settled.AgreementForm);
        var visited = store.AddFollowUp("A", c.CaseNo, new FollowUpVisit { Date = new(2026, 3, 8), By = "李娜", Performance = Performance.Fulfilled }, new("msteams:user-2", "李娜"), later)!;
        Assert.Single(visited.FollowUps);
        Assert.Equal("msteams:user-2", visited.FollowUps[0].RecordedBy);
        Assert.Null(store.RecordOutcome("B", c.CaseNo, MediationStatus.Failed, null, null, Clerk, later)); // another workspace cannot touch it

        var history = store.History(c);
        Assert.Equal(["mediation.create", "mediation.outcome", "mediation.followup"], history.Select(h => h.Action));
        Assert.Contains("Accepted", history[1].Details);
        Assert.Contains("Succeeded/Oral", history[1].Details);
        Assert.Equal("李娜", history[2].UserName);
        Assert.Equal(later, history[2].AtUtc);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_failed_write_rolls_back_the_counter(string provider)
    {
        var (db, store) = Open(provider);
        using var _ = db;
        store.Create(In("A", new(2026, 3, 1)), "f1", Clerk, Now);
        // A case id that already exists makes the insert fail inside the transaction.
        var clash = In("A", new(2026, 3, 1));
        db.Collection<MediationCounter>(MediationStore.Counters).Upsert(new MediationCounter { Id = "A|2026", Last = 0 });
        Assert.ThrowsAny<Exception>(() => store.Create(clash, "f2", Clerk, Now));
        Assert.Equal(0, db.Collection<MediationCounter>(MediationStore.Counters).FindById("A|2026")!.Last);
        Assert.Single(store.All("A"));
        Assert.Single(db.Collection<ChatBot.Storage.Conversations.AuditEntry>(ChatBot.Storage.ChatBotDatabase.Audit).FindAll());
    }
}
