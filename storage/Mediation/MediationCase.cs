using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>One people's-mediation case (人民调解案件) of one workspace.</summary>
public sealed class MediationCase
{
    /// <summary>"{workspaceId}|{caseNo}"</summary>
    [BsonId] public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    public int Year { get; set; }
    public int Seq { get; set; }
    /// <summary>"{year}-{seq:000}", unique per workspace.</summary>
    public string CaseNo { get; set; } = "";
    /// <summary>"{workspaceId}|{formId}": a second submit of the same form finds the case instead of creating one.</summary>
    public string FormKey { get; set; } = "";

    public DateOnly ReceivedOn { get; set; }
    public MediationSource Source { get; set; }
    public DisputeType DisputeType { get; set; }
    /// <summary>村(社区)</summary>
    public string Village { get; set; } = "";
    public List<MediationParty> Parties { get; set; } = new();
    public int PeopleInvolved { get; set; }
    /// <summary>涉及金额 in yuan; 0 when none.</summary>
    public decimal AmountInvolved { get; set; }
    public string Summary { get; set; } = "";
    public List<string> Mediators { get; set; } = new();
    public MediationStatus Status { get; set; }
    public AgreementForm? AgreementForm { get; set; }
    public string? OutcomeNote { get; set; }
    public List<FollowUpVisit> FollowUps { get; set; } = new();
    /// <summary>结案日期: set when the outcome is recorded (older closed cases: from the audit log, by migration 1000).</summary>
    public DateOnly? ClosedOn { get; set; }
    /// <summary>争议事项及各方责任 (§29), for the written agreement.</summary>
    public string? Responsibility { get; set; }
    /// <summary>协议内容: the agreed terms (what each side will do); for an oral agreement its recorded content (§28).</summary>
    public string? AgreementTerms { get; set; }
    /// <summary>履行方式 (一次性付清, 分期, 当场履行 …).</summary>
    public string? PerformanceManner { get; set; }
    /// <summary>履行期限: the last day for performing the agreement.</summary>
    public DateOnly? PerformanceDeadline { get; set; }
    /// <summary>协议金额 in yuan; 0 when none.</summary>
    public decimal AgreementAmount { get; set; }
    /// <summary>司法确认: the day a court confirmed the agreement (人民调解法 §33), when it did.</summary>
    public DateOnly? CourtConfirmedOn { get; set; }
    /// <summary>延长调解: each extension of the one-month limit agreed by the parties (若干规定 §36).</summary>
    public List<MediationExtension> Extensions { get; set; } = new();
    /// <summary>重大疑难</summary>
    public bool Major { get; set; }
    /// <summary>群体性</summary>
    public bool Collective { get; set; }

    public string CreatedBy { get; set; } = "";
    public string? CreatedByName { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }

    [BsonIgnore] public bool IsOpen => Status is MediationStatus.Accepted or MediationStatus.InProgress;

    /// <summary>
    /// 调解期限: one month from acceptance (若干规定 §36), counted as the law counts months (民法典 §201: the same day of the
    /// next month, or its last day when it has none: 1月31日 → 2月28日, in 2028 2月29日), or the last extension's new limit.
    /// </summary>
    [BsonIgnore] public DateOnly TimeLimit => Extensions.Count > 0 ? Extensions[^1].NewLimit : ReceivedOn.AddMonths(1);

    /// <summary>Open past its time limit.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && today > TimeLimit;

    /// <summary>
    /// When a 回访 is due for a settled case: 3 days before the performance deadline, or 30 days after settlement when
    /// there is none, but never before the closing date; null when the case is not settled or a visit has been recorded on or after settlement.
    /// </summary>
    public DateOnly? FollowUpDue
    {
        get
        {
            if (Status != MediationStatus.Succeeded) return null;
            var settled = ClosedOn ?? ReceivedOn;
            if (FollowUps.Any(f => f.Date >= settled)) return null;
            var due = PerformanceDeadline is { } d ? d.AddDays(-MediationRules.FollowUpDaysBeforeDeadline) : settled.AddDays(MediationRules.FollowUpDaysWithoutDeadline);
            // Settled on the spot (deadline the same day or within 3 days): never due before the case was closed.
            return due < settled ? settled : due;
        }
    }
}
