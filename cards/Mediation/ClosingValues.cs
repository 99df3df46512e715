namespace ChatBot.Cards.Mediation;

/// <summary>The closing facts as entered (card input ids), shared by the registration form and the outcome form.</summary>
public sealed class ClosingValues
{
    public string? ClosedOn { get; set; }
    public string? Responsibility { get; set; }
    public string? AgreementTerms { get; set; }
    public string? PerformanceManner { get; set; }
    public string? PerformanceDeadline { get; set; }
    public string? AgreementAmount { get; set; }

    public static ClosingValues FromSubmit(IReadOnlyDictionary<string, string?> data)
    {
        string? Get(string k) => data.TryGetValue(k, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        return new ClosingValues
        {
            ClosedOn = Get("closedOn"), Responsibility = Get("responsibility"), AgreementTerms = Get("agreementTerms"),
            PerformanceManner = Get("performanceManner"), PerformanceDeadline = Get("performanceDeadline"), AgreementAmount = Get("agreementAmount"),
        };
    }
}
