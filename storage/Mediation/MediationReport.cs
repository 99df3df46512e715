namespace ChatBot.Storage.Mediation;

public sealed record MediationReport(
    DateOnly From,
    DateOnly To,
    MediationFigures Total,
    IReadOnlyList<(DisputeType Type, MediationFigures Figures)> ByType,
    IReadOnlyList<(string Village, MediationFigures Figures)> ByVillage,
    IReadOnlyList<(int Year, int Month, MediationFigures Figures)> ByMonth)
{
    /// <summary>The report over the cases received between <paramref name="from"/> and <paramref name="to"/> (inclusive).</summary>
    public static MediationReport Compute(IEnumerable<MediationCase> cases, DateOnly from, DateOnly to)
    {
        var inPeriod = cases.Where(c => c.ReceivedOn >= from && c.ReceivedOn <= to).ToList();
        return new MediationReport(from, to, MediationFigures.Of(inPeriod),
            inPeriod.GroupBy(c => c.DisputeType).OrderBy(g => g.Key).Select(g => (g.Key, MediationFigures.Of(g.ToList()))).ToList(),
            inPeriod.GroupBy(c => c.Village.Trim()).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, MediationFigures.Of(g.ToList()))).ToList(),
            inPeriod.GroupBy(c => (c.ReceivedOn.Year, c.ReceivedOn.Month)).OrderBy(g => g.Key)
                .Select(g => (g.Key.Year, g.Key.Month, MediationFigures.Of(g.ToList()))).ToList());
    }
}
