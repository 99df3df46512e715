using ChatBot.Storage.Engine;
using ChatBot.Storage.Migrations;
using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>
/// 1001 mediation-follow-up-due: a settled case written before <see cref="MediationCase.FollowUpDue"/> was stored gets
/// it, so the reminder tick, which asks for the cases whose 回访 is due by that stored date, finds it. LiteDB counted the
/// missing date as due anyway, but a file copied to PostgreSQL by migrate-store would have left the date column empty
/// and the 回访 reminder would never have come. Cases that already have the field are left alone.
/// </summary>
public sealed class FollowUpDueMigration : ISchemaMigration
{
    public int Version => 1001;
    public string Name => "mediation-follow-up-due";

    public void Apply(DocumentDatabase db)
    {
        var cases = db.Table(MediationStore.Cases);
        var missing = cases.Find(DocumentFilter.Eq(nameof(MediationCase.Status), nameof(MediationStatus.Succeeded)))
            .Where(d => !d.ContainsKey(nameof(MediationCase.FollowUpDue))).ToList();
        foreach (var doc in missing)
        {
            // The record works the date out (deadline, settlement, visits); only that field is added, the rest stays as
            // stored. No date (visited already) stays no field, as the mapper stores it; the write still sets PostgreSQL's
            // date column, which schema 6 filled with '-infinity' for such a case.
            if (db.Mapper.ToObject<MediationCase>(doc).FollowUpDue is { } due) doc[nameof(MediationCase.FollowUpDue)] = db.Mapper.Serialize(typeof(DateOnly), due);
            cases.Update(doc);
        }
    }
}
