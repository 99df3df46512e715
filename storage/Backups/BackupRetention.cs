namespace ChatBot.Storage.Backups;

/// <summary>
/// Which backups are kept: every backup of the last <c>keepDays</c> days (today counts as the first), and the first
/// backup of each month for <c>keepMonths</c> months. Applied after every backup; a backup it drops once is never
/// wanted again, so applying it daily keeps the same files as applying it once.
/// </summary>
public static class BackupRetention
{
    /// <param name="dates">The local dates of the backups, oldest first.</param>
    /// <returns>For each backup, whether it is kept.</returns>
    public static bool[] Keep(IReadOnlyList<DateOnly> dates, DateOnly today, int keepDays, int keepMonths)
    {
        var keep = new bool[dates.Count];
        var monthsSeen = new HashSet<(int, int)>();
        var oldestMonthly = today.AddMonths(-Math.Max(0, keepMonths));
        for (var i = 0; i < dates.Count; i++)
        {
            var firstOfItsMonth = monthsSeen.Add((dates[i].Year, dates[i].Month));
            keep[i] = WithinDays(dates[i], today, keepDays) || (firstOfItsMonth && keepMonths > 0 && dates[i] > oldestMonthly);
        }
        return keep;
    }

    /// <summary>True for a date among the last <paramref name="keepDays"/> days, today included.</summary>
    public static bool WithinDays(DateOnly date, DateOnly today, int keepDays) => today.DayNumber - date.DayNumber < Math.Max(1, keepDays);
}
