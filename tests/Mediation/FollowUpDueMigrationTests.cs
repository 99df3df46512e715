using ChatBot.Storage.Mediation;
using ChatBot.Storage.Migrations;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>Migration 1001 on cases as a version before the stored 回访 date wrote them.</summary>
public class FollowUpDueMigrationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly MediationActor Clerk = new("msteams:user-1", "王小明");

    private static MediationCase Settled(MediationStore store, string form, DateOnly closed)
    {
        var draft = Case(new(2026, 1, 6), DisputeType.Neighbour, "西岭村", MediationStatus.InProgress);
        draft.WorkspaceId = "A";
        var c = store.Create(draft, form, Clerk, Now).Case;
        return store.RecordOutcome(c.WorkspaceId, c.CaseNo, new MediationOutcome
        {
            Status = MediationStatus.Succeeded, AgreementForm = AgreementForm.Written, ClosedOn = closed, AgreementTerms = "赔偿修缮费",
        }, Clerk, Now)!;
    }

    /// <summary>Takes the field off the stored document, as the older version wrote it.</summary>
    private static void WriteAsBefore(ChatBot.Storage.Engine.DocumentDatabase db, MediationCase c)
    {
        var table = db.Table(MediationStore.Cases);
        var doc = table.FindById(c.Id)!;
        doc.Remove(nameof(MediationCase.FollowUpDue)); // a null date is not stored: the visited case has none either way
        table.Update(doc);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_settled_case_stored_without_its_follow_up_date_gets_it_and_is_a_reminder_candidate(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new MediationStore(db);
        var due = Settled(store, "f1", new(2026, 2, 1));          // 回访 30 days later: 3 March
        var visited = Settled(store, "f2", new(2026, 2, 1));
        store.AddFollowUp(visited.WorkspaceId, visited.CaseNo, new FollowUpVisit { Date = new(2026, 2, 20), By = "王调解", Performance = Performance.Fulfilled }, Clerk, Now);
        var later = Settled(store, "f3", new(2026, 3, 8));         // due 7 April
        foreach (var c in new[] { due, visited, later }) WriteAsBefore(db, store.Get(c.WorkspaceId, c.CaseNo)!);

        Assert.Equal([1001], SchemaMigrator.Migrate(db, [new FollowUpDueMigration()]).Select(m => m.Version));
        new FollowUpDueMigration().Apply(db); // safe to run twice

        var docs = db.Table(MediationStore.Cases);
        Assert.Equal("2026-03-03", docs.FindById(due.Id)![nameof(MediationCase.FollowUpDue)].AsString);
        Assert.False(docs.FindById(visited.Id)!.ContainsKey(nameof(MediationCase.FollowUpDue))); // visited: nothing due
        Assert.Equal("2026-04-07", docs.FindById(later.Id)![nameof(MediationCase.FollowUpDue)].AsString);
        // The tick on 10 March finds the one whose 回访 is due, on both providers (PostgreSQL answers from its date column).
        Assert.Equal([due.CaseNo], store.ReminderCandidates(new(2026, 3, 10), null)[due.WorkspaceId].Select(c => c.CaseNo));
        Assert.Equal([later.CaseNo, due.CaseNo], store.ReminderCandidates(new(2026, 4, 7), null)[due.WorkspaceId].Select(c => c.CaseNo));
    }

    [Fact]
    public void Without_the_migration_postgres_misses_the_follow_up_of_a_case_copied_without_its_date()
    {
        // The reason the migration exists: a document copied as stored (migrate-store) leaves the date column empty.
        using var db = StorageProviders.Open("postgres");
        var store = new MediationStore(db);
        var due = Settled(store, "f1", new(2026, 2, 1));
        WriteAsBefore(db, store.Get(due.WorkspaceId, due.CaseNo)!);
        Assert.False(store.ReminderCandidates(new(2026, 3, 10), null).ContainsKey(due.WorkspaceId));
    }
}
