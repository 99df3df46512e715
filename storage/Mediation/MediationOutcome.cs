namespace ChatBot.Storage.Mediation;

/// <summary>调解结果 as recorded at closing: the status and, for a settled case, the agreement and its performance.</summary>
public sealed class MediationOutcome
{
    public MediationStatus Status { get; set; }
    public AgreementForm? AgreementForm { get; set; }
    public string? Note { get; set; }
    /// <summary>结案日期; null keeps the case open (受理/调解中).</summary>
    public DateOnly? ClosedOn { get; set; }
    public string? Responsibility { get; set; }
    public string? AgreementTerms { get; set; }
    public string? PerformanceManner { get; set; }
    public DateOnly? PerformanceDeadline { get; set; }
    public decimal AgreementAmount { get; set; }
}
