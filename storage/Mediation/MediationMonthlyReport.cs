namespace ChatBot.Storage.Mediation;

/// <summary>调解月报: one month's figures, the month before (for 环比) and the year to the end of the month (本年累计).</summary>
public sealed record MediationMonthlyReport(int Year, int Month, MediationPeriodFigures ThisMonth, MediationPeriodFigures PreviousMonth, MediationPeriodFigures YearToDate)
{
    public static MediationMonthlyReport Compute(IEnumerable<MediationCase> cases, int year, int month)
    {
        var all = cases.ToList();
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var previous = first.AddMonths(-1);
        return new MediationMonthlyReport(year, month,
            MediationPeriodFigures.Compute(all, first, last),
            MediationPeriodFigures.Compute(all, previous, first.AddDays(-1)),
            MediationPeriodFigures.Compute(all, new DateOnly(year, 1, 1), last));
    }

    /// <summary>
    /// The month a report is asked for when none is named: the month before while today is in the first five days of
    /// a month (the report is sent up then), otherwise the current month.
    /// </summary>
    public static (int Year, int Month) DefaultMonth(DateOnly today)
    {
        var m = today.Day <= 5 ? today.AddMonths(-1) : today;
        return (m.Year, m.Month);
    }
}
