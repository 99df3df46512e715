using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>
/// How a dispute came to the mediation committee (来源), as the statistics count it: 当事人申请, 主动调解(排查发现), and
/// the four kinds of 委托移送. Records written before these existed said "Referral" for all four; migration 1000 maps
/// them to <see cref="OtherDepartment"/>.
/// </summary>
public enum MediationSource { Application, Screening, Police, Court, Government, OtherDepartment }

/// <summary>纠纷类型, in the order township reports list them.</summary>
public enum DisputeType
{
    Family, Neighbour, HousingLand, ForestLand, Contract, Business, Damages, Labour,
    LandAcquisition, Environment, Medical, Traffic, Property, Other,
}

/// <summary>调解状态: 受理 → 调解中 → 调解成功 / 调解不成功 / 已移交.</summary>
public enum MediationStatus { Accepted, InProgress, Succeeded, Failed, Referred }

/// <summary>协议形式 of a successful mediation.</summary>
public enum AgreementForm { Oral, Written }

/// <summary>协议履行情况 noted at a follow-up visit (已履行 / 部分履行 / 未履行). "InProgress" of older records is mapped to
/// <see cref="PartlyFulfilled"/> by migration 1000.</summary>
public enum Performance { Fulfilled, PartlyFulfilled, NotFulfilled, NotApplicable }

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
    /// there is none; null when the case is not settled or a visit has been recorded on or after settlement.
    /// </summary>
    public DateOnly? FollowUpDue
    {
        get
        {
            if (Status != MediationStatus.Succeeded) return null;
            var settled = ClosedOn ?? ReceivedOn;
            if (FollowUps.Any(f => f.Date >= settled)) return null;
            return PerformanceDeadline is { } d ? d.AddDays(-MediationRules.FollowUpDaysBeforeDeadline) : settled.AddDays(MediationRules.FollowUpDaysWithoutDeadline);
        }
    }
}

public sealed class MediationParty
{
    public MediationParty() { }
    public MediationParty(string name, string? phone = null) { Name = name; Phone = phone; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    /// <summary>自然人, or 法人/其他组织 (then <see cref="Representative"/> names who acts for it).</summary>
    public PartyKind Kind { get; set; }
    public PartySex? Sex { get; set; }
    /// <summary>出生年份; entered as "1980年" or as an age ("45岁", counted back from the year of registration).</summary>
    public int? BirthYear { get; set; }
    public string? Address { get; set; }
    /// <summary>法定代表人/负责人 of an organisation.</summary>
    public string? Representative { get; set; }
}

/// <summary>回访: a visit after the mediation to see whether the agreement is kept.</summary>
public sealed class FollowUpVisit
{
    public DateOnly Date { get; set; }
    public string By { get; set; } = "";
    public string? Note { get; set; }
    public Performance Performance { get; set; }
    /// <summary>当事人满意度; null on visits recorded before it was asked.</summary>
    public Satisfaction? Satisfaction { get; set; }
    /// <summary>遗留风险 (remaining risk of the dispute flaring up), if any.</summary>
    public string? RemainingRisk { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedUtc { get; set; }
}

/// <summary>The case-number counter of one workspace and year, updated in the same transaction as the insert.</summary>
public sealed class MediationCounter
{
    /// <summary>"{workspaceId}|{year}"</summary>
    [BsonId] public string Id { get; set; } = "";
    public int Last { get; set; }
}
