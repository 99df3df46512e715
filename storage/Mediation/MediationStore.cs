using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>Who is writing, for the audit log.</summary>
public readonly record struct MediationActor(string UserKey, string? UserName);

public sealed record CreateCaseResult(MediationCase Case, bool Created);

/// <summary>
/// The mediation cases of all workspaces. Every query takes the workspace id; writes are one LiteDB transaction each
/// (record + counter + audit), kept synchronous because LiteDB transactions belong to the calling thread.
/// </summary>
public sealed class MediationStore
{
    public const string Cases = "mediation_cases";
    public const string Counters = "mediation_counters";
    private readonly LiteDatabase _db;
    private readonly object _writeGate = new();

    public MediationStore(LiteDatabase db)
    {
        _db = db;
        CaseCollection.EnsureIndex(c => c.WorkspaceId);
        CaseCollection.EnsureIndex(c => c.FormKey, unique: true);
    }

    private ILiteCollection<MediationCase> CaseCollection => _db.GetCollection<MediationCase>(Cases);
    private ILiteCollection<MediationCounter> CounterCollection => _db.GetCollection<MediationCounter>(Counters);
    private ILiteCollection<AuditEntry> AuditCollection => _db.GetCollection<AuditEntry>(ChatBotDatabase.Audit);

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
            if (CaseCollection.FindOne(c => c.FormKey == formKey) is { } existing) return new(existing, false);
            return _db.InTransaction(() =>
            {
                var year = draft.ReceivedOn.Year;
                var counterId = $"{draft.WorkspaceId}|{year}";
                var counter = CounterCollection.FindById(counterId) ?? new MediationCounter { Id = counterId };
                counter.Last++;
                CounterCollection.Upsert(counter);

                draft.Year = year;
                draft.Seq = counter.Last;
                draft.CaseNo = MediationRules.CaseNo(year, counter.Last);
                draft.Id = $"{draft.WorkspaceId}|{draft.CaseNo}";
                draft.FormKey = formKey;
                draft.CreatedBy = actor.UserKey;
                draft.CreatedByName = actor.UserName;
                draft.CreatedUtc = draft.UpdatedUtc = now;
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
        Change(workspaceId, caseNo, actor, now, "outcome", c =>
        {
            var before = $"{c.Status}/{c.AgreementForm?.ToString() ?? "-"}";
            c.Status = status;
            c.AgreementForm = status == MediationStatus.Succeeded ? form : null;
            if (!string.IsNullOrWhiteSpace(note)) c.OutcomeNote = note.Trim();
            return $"status {before} → {c.Status}/{c.AgreementForm?.ToString() ?? "-"}" + (string.IsNullOrWhiteSpace(note) ? "" : $"; note: {note.Trim()}");
        });

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
                var c = Get(workspaceId, caseNo);
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
