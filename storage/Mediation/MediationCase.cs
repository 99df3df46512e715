using LiteDB;

namespace ChatBot.Storage.Mediation;

/// <summary>How a dispute came to the mediation committee (来源).</summary>
public enum MediationSource { Application, Screening, Referral }

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

/// <summary>协议履行情况 noted at a follow-up visit.</summary>
public enum Performance { Fulfilled, InProgress, NotFulfilled, NotApplicable }

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
    /// <summary>重大疑难</summary>
    public bool Major { get; set; }
    /// <summary>群体性</summary>
    public bool Collective { get; set; }

    public string CreatedBy { get; set; } = "";
    public string? CreatedByName { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }

    [BsonIgnore] public bool IsOpen => Status is MediationStatus.Accepted or MediationStatus.InProgress;
}

public sealed class MediationParty
{
    public MediationParty() { }
    public MediationParty(string name, string? phone = null) { Name = name; Phone = phone; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
}

/// <summary>回访: a visit after the mediation to see whether the agreement is kept.</summary>
public sealed class FollowUpVisit
{
    public DateOnly Date { get; set; }
    public string By { get; set; } = "";
    public string? Note { get; set; }
    public Performance Performance { get; set; }
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
