using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.Postgres;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Mediation;

/// <summary>ScreeningStore's contract: each test runs on LiteDB and on PostgreSQL; the two-instance one on PostgreSQL.</summary>
public class ScreeningStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly MediationActor Clerk = new("msteams:user-1", "王小明");

    private static ScreeningRound Round(string workspace, DateOnly date, string village, int disputes = 0) => new()
    {
        WorkspaceId = workspace, Date = date, Village = village, ScreenedBy = "李娜",
        Disputes = Enumerable.Range(1, disputes).Select(i => new ScreenedDispute { Description = $"纠纷{i}", Type = DisputeType.Neighbour }).ToList(),
    };

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_form_is_saved_once_with_its_audit_entry(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ScreeningStore(db);
        var (first, created) = store.Save(Round("A", new(2026, 3, 2), "东岭村", 2), "form-1", Clerk, Now);
        var (again, createdAgain) = store.Save(Round("A", new(2026, 3, 3), "西岭村"), "form-1", Clerk, Now.AddMinutes(1));
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(("东岭村", 2, "A|form-1"), (again.Village, again.Disputes.Count, again.Id));
        Assert.True(store.Save(Round("B", new(2026, 3, 3), "南村"), "form-1", Clerk, Now).Created); // another workspace's form
        Assert.Equal("东岭村", store.Get("A", "form-1")!.Village);
        Assert.Equal(("msteams:user-1", Now), (first.CreatedBy, first.CreatedUtc));
        var audit = Assert.Single(new AuditLog(db).For($"{ScreeningStore.Rounds}/A|form-1"));
        Assert.Equal("排查 2026-03-02 东岭村: 2 件", audit.Details);
        Assert.Throws<ArgumentException>(() => store.Save(Round("A", new(2026, 3, 2), "x"), " ", Clerk, Now));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Rounds_between_two_dates_include_both_ends_oldest_first(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new ScreeningStore(db);
        // Saved out of order; the period is 1–31 March.
        store.Save(Round("A", new(2026, 3, 31), "三十一日"), "f1", Clerk, Now);
        store.Save(Round("A", new(2026, 2, 28), "二月"), "f2", Clerk, Now);
        store.Save(Round("A", new(2026, 3, 1), "一日"), "f3", Clerk, Now);
        store.Save(Round("A", new(2026, 4, 1), "四月"), "f4", Clerk, Now);
        store.Save(Round("A", new(2026, 3, 15), "十五日 后"), "f5", Clerk, Now.AddHours(1));
        store.Save(Round("A", new(2026, 3, 15), "十五日 先"), "f6", Clerk, Now);
        store.Save(Round("B", new(2026, 3, 15), "别的群"), "f7", Clerk, Now);

        Assert.Equal(["一日", "十五日 先", "十五日 后", "三十一日"], store.Between("A", new(2026, 3, 1), new(2026, 3, 31)).Select(r => r.Village));
        Assert.Equal(["十五日 先", "十五日 后"], store.Between("A", new(2026, 3, 15), new(2026, 3, 15)).Select(r => r.Village));
        Assert.Empty(store.Between("A", new(2026, 3, 16), new(2026, 3, 30)));
        Assert.Equal(["二月", "一日", "十五日 先", "十五日 后", "三十一日", "四月"], store.All("A").Select(r => r.Village));
    }

    [Fact]
    public async Task The_same_form_sent_to_two_instances_at_once_is_saved_once()
    {
        using var two = new TwoPostgresInstances();
        var a = new ScreeningStore(two.A);
        var b = new ScreeningStore(two.B);
        var saves = Enumerable.Range(1, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? a : b).Save(Round("A", new(2026, 3, 2), "东岭村"), "form-" + (i % 5), Clerk, Now))).ToList();
        var results = await Task.WhenAll(saves);

        Assert.Equal(5, results.Count(r => r.Created));
        Assert.Equal(5, b.All("A").Count);
        Assert.All(results, r => Assert.Equal(Now, r.Round.CreatedUtc));
        Assert.Equal(5, new AuditLog(two.A).For($"{ScreeningStore.Rounds}/A|form-1").Count + new AuditLog(two.A).For($"{ScreeningStore.Rounds}/A|form-2").Count
            + new AuditLog(two.A).For($"{ScreeningStore.Rounds}/A|form-3").Count + new AuditLog(two.A).For($"{ScreeningStore.Rounds}/A|form-4").Count
            + new AuditLog(two.A).For($"{ScreeningStore.Rounds}/A|form-0").Count);
    }
}
