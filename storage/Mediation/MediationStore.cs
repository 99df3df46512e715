using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>
/// The mediation cases of all workspaces. Every query takes the workspace id; writes are one LiteDB transaction each
/// (record + counter + audit), kept synchronous because LiteDB transactions belong to the calling thread.
/// </summary>
public sealed class MediationStore : IOwnsCollections
{
    public const string Cases = "mediation_cases";
    public const string Counters = "mediation_counters";
    public static IReadOnlyList<string> Collections => [Cases, Counters];
    private readonly DocumentDatabase _db;
    private readonly object _writeGate = new();

    public MediationStore(DocumentDatabase db)
    {
        _db = db;
        CaseCollection.EnsureIndex(c => c.WorkspaceId);
        CaseCollection.EnsureIndex(c => c.FormKey, unique: true);
        // What the reminder tick asks for (ReminderCandidates).
        CaseCollection.EnsureIndex(c => c.Status);
        CaseCollection.EnsureIndex(c => c.FollowUpDue);
    }

    private DocumentCollection<MediationCase> CaseCollection => _db.Collection<MediationCase>(Cases);
    private DocumentCollection<MediationCounter> CounterCollection => _db.Collection<MediationCounter>(Counters);
    private DocumentCollection<AuditEntry> AuditCollection => _db.Collection<AuditEntry>(ChatBotDatabase.Audit);

    public static string RecordKey(MediationCase c) => $"{Cases}/{c.Id}";

    /// <summary>
    /// Saves a new case with the next case number of its workspace and year, unless a case from the same form exists:
    /// then that one is returned with Created = false.
    /// </summary>
    public CreateCaseResult Create(MediationCase draft, string formId, MediationActor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(draft.WorkspaceId)) throw new ArgumentException("A case needs a workspace.", nameof(draft));
        if (string.IsNullOrWhiteSpace(formId)) throw new ArgumentException("A case needs the id of the form it came from.", nameof(formId));
        var formKey = $"{draft.WorkspaceId}|{formId}";
        lock (_writeGate)
        {
            return _db.InTransaction(() =>
            {
                var year = draft.ReceivedOn.Year;
                var counterId = $"{draft.WorkspaceId}|{year}";
                // The counter row is made once and then locked for the rest of the transaction: on a shared database
                // two instances saving cases of one workspace and year take turns here, so no number is given twice,
                // and the second of two saves of one form finds the first.
                CounterCollection.TryInsert(new MediationCounter { Id = counterId });
                var counter = CounterCollection.FindByIdForUpdate(counterId)!;
                if (CaseCollection.FindOne(c => c.FormKey == formKey) is { } existing) return new CreateCaseResult(existing, false);
                counter.Last++;
                CounterCollection.Update(counter);

                draft.Year = year;
                draft.Seq = counter.Last;
                draft.CaseNo = MediationRules.CaseNo(year, counter.Last);
                draft.Id = $"{draft.WorkspaceId}|{draft.CaseNo}";
                draft.FormKey = formKey;
                draft.CreatedBy = actor.UserKey;
                draft.CreatedByName = actor.UserName;
                draft.CreatedUtc = draft.UpdatedUtc = now;
                if (!draft.IsOpen) draft.ClosedOn ??= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Shanghai).DateTime);
                CaseCollection.Insert(draft);
                Audit(draft, "create", actor, $"登记 {draft.CaseNo}", now);
                return new CreateCaseResult(draft, true);
            });
        }
    }

    public MediationCase? Get(string workspaceId, string caseNo) =>
        CaseCollection.FindById($"{workspaceId}|{caseNo}");

    public MediationCase? FindByForm(string workspaceId, string formId)
    {
        var formKey = $"{workspaceId}|{formId}";
        return CaseCollection.FindOne(c => c.FormKey == formKey);
    }

    /// <summary>All cases of a workspace, newest case number first.</summary>
    public IReadOnlyList<MediationCase> All(string workspaceId) =>
        CaseCollection.Find(c => c.WorkspaceId == workspaceId)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.Seq).ToList();

    /// <summary>
    /// The cases of every workspace that can have a reminder due by <paramref name="latestToday"/> (the latest "today"
    /// of the workspaces asked about): the open ones (调解期限), the settled ones whose 回访 is due by then, and with
    /// <paramref name="closedSince"/> the settled ones closed on or after it (司法确认). By workspace, each newest case
    /// number first as <see cref="All"/>. A few queries on the status, follow-up and closing-date columns for all
    /// workspaces, instead of every case of each workspace.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MediationCase>> ReminderCandidates(DateOnly latestToday, DateOnly? closedSince)
    {
        var open = DocumentFilter.In(CaseCollection.FieldOf(nameof(MediationCase.Status)),
            [new BsonValue(nameof(MediationStatus.Accepted)), new BsonValue(nameof(MediationStatus.InProgress))]);
        var found = CaseCollection.Find(open)
            .Concat(CaseCollection.Find(c => c.Status == MediationStatus.Succeeded && c.FollowUpDue <= latestToday));
        if (closedSince is { } since) found = found.Concat(CaseCollection.Find(c => c.Status == MediationStatus.Succeeded && c.ClosedOn >= since));
        // Asked again of each record: LiteDB counts a missing date as less than any, and one case may come twice.
        return found.Where(c => c.IsOpen || (c.Status == MediationStatus.Succeeded
                && (c.FollowUpDue <= latestToday || (closedSince is { } from && c.ClosedOn >= from))))
            .DistinctBy(c => c.Id, StringComparer.Ordinal)
            .GroupBy(c => c.WorkspaceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MediationCase>)g.OrderByDescending(c => c.Year).ThenByDescending(c => c.Seq).ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The villages named on the cases of each of the workspaces (as recorded, each once, in no order): one query for
    /// all of them, which reads the villages and not the cases.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> VillagesOf(IEnumerable<string> workspaceIds)
    {
        var ids = workspaceIds.Distinct(StringComparer.Ordinal).ToList();
        var villages = ids.ToDictionary(ws => ws, _ => new List<string>(), StringComparer.Ordinal);
        if (ids.Count == 0) return villages.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
        var workspace = CaseCollection.FieldOf(nameof(MediationCase.WorkspaceId));
        var village = CaseCollection.FieldOf(nameof(MediationCase.Village));
        foreach (var row in CaseCollection.Distinct([workspace, village], DocumentFilter.In(workspace, ids.Select(id => new BsonValue(id)))))
            if (row[village].IsString && villages.TryGetValue(row[workspace].AsString, out var list)) list.Add(row[village].AsString);
        return villages.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Records a follow-up visit; null when the case does not exist in this workspace.</summary>
    public MediationCase? AddFollowUp(string workspaceId, string caseNo, FollowUpVisit visit, MediationActor actor, DateTimeOffset now) =>
        Change(workspaceId, caseNo, actor, now, "followup", c =>
        {
            visit.RecordedBy = actor.UserKey;
            visit.RecordedUtc = now;
            c.FollowUps.Add(visit);
            return $"回访 {visit.Date:yyyy-MM-dd} {visit.By}: {visit.Performance}";
        });

    /// <summary>Records the outcome (status, agreement form, note); null when the case does not exist in this workspace.</summary>
    public MediationCase? RecordOutcome(string workspaceId, string caseNo, MediationStatus status, AgreementForm? form, string? note, MediationActor actor, DateTimeOffset now) =>
        RecordOutcome(workspaceId, caseNo, new MediationOutcome { Status = status, AgreementForm = form, Note = note }, actor, now);

    /// <summary>
    /// Records the outcome with the closing facts. A closed case gets its 结案日期 (the one given, else the day of
    /// <paramref name="now"/> in Shanghai); the agreement fields are kept only for a settled case.
    /// </summary>
    public MediationCase? RecordOutcome(string workspaceId, string caseNo, MediationOutcome o, MediationActor actor, DateTimeOffset now) =>
        Change(workspaceId, caseNo, actor, now, "outcome", c =>
        {
            var before = $"{c.Status}/{c.AgreementForm?.ToString() ?? "-"}";
            c.Status = o.Status;
            var settled = o.Status == MediationStatus.Succeeded;
            c.AgreementForm = settled ? o.AgreementForm : null;
            if (!string.IsNullOrWhiteSpace(o.Note)) c.OutcomeNote = o.Note.Trim();
            c.ClosedOn = c.IsOpen ? null : o.ClosedOn ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Shanghai).DateTime);
            c.Responsibility = settled ? Blank(o.Responsibility) : null;
            c.AgreementTerms = settled ? Blank(o.AgreementTerms) : null;
            c.PerformanceManner = settled ? Blank(o.PerformanceManner) : null;
            c.PerformanceDeadline = settled ? o.PerformanceDeadline : null;
            c.AgreementAmount = settled ? o.AgreementAmount : 0;
            return $"status {before} → {c.Status}/{c.AgreementForm?.ToString() ?? "-"}" + (c.ClosedOn is { } d ? $"; closed {d:yyyy-MM-dd}" : "")
                + (c.PerformanceDeadline is { } p ? $"; perform by {p:yyyy-MM-dd}" : "") + (string.IsNullOrWhiteSpace(o.Note) ? "" : $"; note: {o.Note.Trim()}");
        });

    /// <summary>延长调解: a new time limit agreed by the parties; null when the case does not exist in this workspace.</summary>
    public MediationCase? Extend(string workspaceId, string caseNo, MediationExtension extension, MediationActor actor, DateTimeOffset now) =>
        Change(workspaceId, caseNo, actor, now, "extend", c =>
        {
            var before = c.TimeLimit;
            extension.RecordedBy = actor.UserKey;
            c.Extensions.Add(extension);
            return $"延长调解 {before:yyyy-MM-dd} → {extension.NewLimit:yyyy-MM-dd}: {extension.Reason}";
        });

    /// <summary>司法确认: the day a court confirmed the agreement; null when the case does not exist in this workspace.</summary>
    public MediationCase? RecordCourtConfirmation(string workspaceId, string caseNo, DateOnly on, MediationActor actor, DateTimeOffset now) =>
        Change(workspaceId, caseNo, actor, now, "court", c =>
        {
            c.CourtConfirmedOn = on;
            return $"司法确认 {on:yyyy-MM-dd}";
        });

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public IReadOnlyList<AuditEntry> History(MediationCase c)
    {
        var key = RecordKey(c);
        return AuditCollection.Find(a => a.RecordKey == key).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToList();
    }

    private MediationCase? Change(string workspaceId, string caseNo, MediationActor actor, DateTimeOffset now, string action, Func<MediationCase, string> apply)
    {
        lock (_writeGate)
        {
            return _db.InTransaction<MediationCase?>(() =>
            {
                var c = CaseCollection.FindByIdForUpdate($"{workspaceId}|{caseNo}");
                if (c is null) return null;
                var details = apply(c);
                c.UpdatedUtc = now;
                CaseCollection.Update(c);
                Audit(c, action, actor, details, now);
                return c;
            });
        }
    }

    private void Audit(MediationCase c, string action, MediationActor actor, string details, DateTimeOffset now) =>
        AuditCollection.Insert(new AuditEntry
        {
            RecordKey = RecordKey(c), WorkspaceId = c.WorkspaceId, Action = "mediation." + action,
            UserKey = actor.UserKey, UserName = actor.UserName, Details = details, AtUtc = now,
        });
}
