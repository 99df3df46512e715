using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.Migrations;
using ChatBot.Tests.Infrastructure;
using LiteDB;

namespace ChatBot.Tests.Mediation;

/// <summary>Migration 1000 on a database as the previous version wrote it.</summary>
public class CaseFactsMigrationTests
{
    /// <summary>A case document exactly as the version before the case-file facts wrote it (no new fields, old codes).</summary>
    private static BsonDocument OldCase(string id, string source, string status, string? agreementForm, string createdUtc, params (string Date, string Performance)[] visits)
    {
        var doc = new BsonDocument
        {
            ["_id"] = id, ["WorkspaceId"] = "A", ["Year"] = 2026, ["Seq"] = int.Parse(id[^3..]), ["CaseNo"] = id[2..], ["FormKey"] = "A|f" + id,
            ["ReceivedOn"] = "2026-03-02", ["Source"] = source, ["DisputeType"] = "Neighbour", ["Village"] = "东岭村",
            ["Parties"] = new BsonArray { new BsonDocument { ["Name"] = "张三", ["Phone"] = "13812345678" } },
            ["PeopleInvolved"] = 2, ["AmountInvolved"] = new BsonValue(0m), ["Summary"] = "排水沟纠纷", ["Mediators"] = new BsonArray { "王调解" },
            ["Status"] = status, ["AgreementForm"] = agreementForm is null ? BsonValue.Null : agreementForm, ["OutcomeNote"] = BsonValue.Null,
            ["FollowUps"] = new BsonArray(visits.Select(v => (BsonValue)new BsonDocument
            {
                ["Date"] = v.Date, ["By"] = "李娜", ["Note"] = BsonValue.Null, ["Performance"] = v.Performance, ["RecordedBy"] = "msteams:u", ["RecordedUtc"] = createdUtc,
            })),
            ["Major"] = false, ["Collective"] = false, ["CreatedBy"] = "msteams:u", ["CreatedByName"] = "王小明", ["CreatedUtc"] = createdUtc, ["UpdatedUtc"] = createdUtc,
        };
        return doc;
    }

    /// <summary>The previous version's records, written as documents (the same on both providers).</summary>
    private static void WriteOldRecords(DocumentDatabase db)
    {
        var cases = db.Table(MediationStore.Cases);
        // Referred in, settled with an outcome recorded at 01:30 Shanghai on 11 March (17:30 UTC on the 10th).
        cases.Insert(OldCase("A|2026-001", "Referral", "Succeeded", "Written", "2026-03-02T01:00:00.0000000+00:00", ("2026-03-20", "InProgress"), ("2026-03-28", "Fulfilled")), BsonAutoId.ObjectId);
        db.Table(ChatBotDatabase.Audit).Insert(new BsonDocument
        {
            ["RecordKey"] = "mediation_cases/A|2026-001", ["WorkspaceId"] = "A", ["Action"] = "mediation.outcome", ["UserKey"] = "msteams:u",
            ["Details"] = "status InProgress/- → Succeeded/Written", ["AtUtc"] = "2026-03-10T17:30:00.0000000+00:00",
        }, BsonAutoId.ObjectId);
        // Registered already closed (no outcome in the audit): closed the day it was registered, in Shanghai.
        cases.Insert(OldCase("A|2026-002", "Application", "Failed", null, "2026-03-04T23:00:00.0000000+00:00"), BsonAutoId.ObjectId);
        // Still open: no closing date.
        cases.Insert(OldCase("A|2026-003", "Screening", "InProgress", null, "2026-03-05T02:00:00.0000000+00:00"), BsonAutoId.ObjectId);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Old_sources_performances_and_closing_dates_are_mapped_and_a_second_run_changes_nothing(string provider)
    {
        using var db = StorageProviders.Open(provider);
        WriteOldRecords(db);
        var applied = SchemaMigrator.Migrate(db, [new CaseFactsMigration()]);
        Assert.Equal([1000], applied.Select(m => m.Version));
        new CaseFactsMigration().Apply(db); // safe to run twice

        var store = new MediationStore(db);
        var referred = store.Get("A", "2026-001")!;
        Assert.Equal(MediationSource.OtherDepartment, referred.Source);
        Assert.Equal([Performance.PartlyFulfilled, Performance.Fulfilled], referred.FollowUps.Select(f => f.Performance));
        Assert.Equal(new DateOnly(2026, 3, 11), referred.ClosedOn);
        Assert.Null(referred.FollowUps[0].Satisfaction); // not asked then: stays unknown

        var failed = store.Get("A", "2026-002")!;
        Assert.Equal(MediationSource.Application, failed.Source);
        Assert.Equal(new DateOnly(2026, 3, 5), failed.ClosedOn); // 23:00 UTC on the 4th is the 5th in Shanghai
        var open = store.Get("A", "2026-003")!;
        Assert.Equal(MediationSource.Screening, open.Source);
        Assert.Null(open.ClosedOn);
        Assert.Empty(open.Extensions);
        Assert.Equal(new DateOnly(2026, 4, 2), open.TimeLimit);
        Assert.Equal(3, store.All("A").Count);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Without_the_migration_an_old_referral_cannot_be_read(string provider)
    {
        // The reason the migration exists: the old code "Referral" is not a source any more.
        using var db = StorageProviders.Open(provider);
        WriteOldRecords(db);
        Assert.ThrowsAny<Exception>(() => new MediationStore(db).Get("A", "2026-001"));
    }
}
