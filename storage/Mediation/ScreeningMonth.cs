namespace ChatBot.Storage.Mediation;

/// <summary>
/// One month of 排查统计: rounds recorded, villages covered (of the villages known), 零报告 rounds, disputes found and
/// how many of them became mediation cases.
/// </summary>
public sealed record ScreeningMonth(int Year, int Month, int Rounds, int VillagesCovered, int VillagesKnown, int ZeroReports, int DisputesFound, int TurnedIntoCases)
{
    /// <summary>
    /// The twelve months of <paramref name="year"/>. A dispute counts as turned into a case when a case was saved from
    /// the registration form opened for it (<paramref name="caseFormIds"/>: the form ids of the workspace's cases).
    /// </summary>
    public static IReadOnlyList<ScreeningMonth> Of(int year, IEnumerable<ScreeningRound> rounds, int villagesKnown, ISet<string> caseFormIds)
    {
        var list = rounds.Where(r => r.Date.Year == year).ToList();
        return Enumerable.Range(1, 12).Select(m =>
        {
            var month = list.Where(r => r.Date.Month == m).ToList();
            var converted = month.Sum(r => Enumerable.Range(0, r.Disputes.Count).Count(i => caseFormIds.Contains(r.CaseFormId(i))));
            return new ScreeningMonth(year, m, month.Count, month.Select(r => r.Village).Distinct(StringComparer.Ordinal).Count(), villagesKnown,
                month.Count(r => r.ZeroReport), month.Sum(r => r.Disputes.Count), converted);
        }).ToList();
    }
}
