using LiteDB;

namespace ChatBot.Storage.Mediation;

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
