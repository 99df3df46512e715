namespace ChatBot.Storage.Mediation;

/// <summary>
/// The period a village is screened in: twice a month by default (the 1st–15th and the 16th to the month's end), or
/// the whole month when a workspace screens once a month.
/// </summary>
public readonly record struct ScreeningPeriod(DateOnly From, DateOnly To)
{
    public static ScreeningPeriod Containing(DateOnly day, int perMonth)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (perMonth < 2) return new(first, last);
        return day.Day <= 15 ? new(first, new DateOnly(day.Year, day.Month, 15)) : new(new DateOnly(day.Year, day.Month, 16), last);
    }

    public ScreeningPeriod Previous(int perMonth) => Containing(From.AddDays(-1), perMonth);

    public bool Contains(DateOnly day) => day >= From && day <= To;
}
