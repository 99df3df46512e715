using ChatBot.Storage.Engine;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Migrations;
using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>
/// 1000 mediation-case-facts: the case sources as the statistics count them ("Referral" of older records becomes
/// 其他部门移送, the one 委托移送 kind that does not claim to know who referred it), 回访 performance "InProgress" becomes
/// 部分履行, and closed cases get their 结案日期 from the audit log (the last outcome change, else the registration), as
/// a Shanghai date. Records already in the new shape are left as they are, so a second run changes nothing.
/// </summary>
public sealed class CaseFactsMigration : ISchemaMigration
{
    public int Version => 1000;
    public string Name => "mediation-case-facts";

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly HashSet<string> ClosedStatuses = ["Succeeded", "Failed", "Referred"];

    public void Apply(DocumentDatabase db)
    {
        var cases = db.Table(MediationStore.Cases);
        var audit = db.Table(ChatBotDatabase.Audit);
        foreach (var doc in cases.Find(null))
        {
            var changed = false;
            if (doc["Source"].IsString && doc["Source"].AsString == "Referral") { doc["Source"] = "OtherDepartment"; changed = true; }
            if (doc["FollowUps"].IsArray)
                foreach (var visit in doc["FollowUps"].AsArray.Where(v => v.IsDocument).Select(v => v.AsDocument))
                    if (visit["Performance"].IsString && visit["Performance"].AsString == "InProgress") { visit["Performance"] = "PartlyFulfilled"; changed = true; }
            if (doc["Status"].IsString && ClosedStatuses.Contains(doc["Status"].AsString) && (!doc.ContainsKey("ClosedOn") || doc["ClosedOn"].IsNull))
            {
                var key = $"{MediationStore.Cases}/{doc["_id"].AsString}";
                var lastOutcome = audit.Find(DocumentFilter.Eq("RecordKey", key)).Where(a => a["Action"].AsString == "mediation.outcome")
                    .Select(a => a["AtUtc"].AsString).OrderBy(t => t, StringComparer.Ordinal).LastOrDefault();
                var at = lastOutcome ?? (doc["CreatedUtc"].IsString ? doc["CreatedUtc"].AsString : null);
                if (at is not null)
                {
                    var local = TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Shanghai);
                    doc["ClosedOn"] = DateOnly.FromDateTime(local.DateTime).ToString("yyyy-MM-dd");
                    changed = true;
                }
            }
            if (changed) cases.Update(doc);
        }
    }
}
