namespace ChatBot.Storage.Study;

/// <summary>
/// Turns a session's rule into concrete occurrences. Dates follow the rule in the workspace's time zone; instants are
/// compared in UTC, so a time zone with daylight saving time still gets "15:00 local" every month.
/// </summary>
public static class StudySchedule
{
    public const int DefaultDurationMinutes = 90;

    /// <summary>The date the rule gives in a month, or null (a "Once" rule outside its month).</summary>
    public static DateOnly? DateInMonth(StudyRule rule, int year, int month)
    {
        var days = DateTime.DaysInMonth(year, month);
        switch (rule.Kind)
        {
            case StudyRuleKind.DayOfMonth:
                // The 31st of a 30-day month is its last day: a monthly session is never silently skipped.
                return new DateOnly(year, month, Math.Min(rule.Day, days));
            case StudyRuleKind.NthWeekday when rule.Nth == -1:
                {
                    var last = new DateOnly(year, month, days);
                    var back = ((int)last.DayOfWeek - (int)rule.Weekday + 7) % 7;
                    return last.AddDays(-back);
                }
            case StudyRuleKind.NthWeekday:
                {
                    var first = new DateOnly(year, month, 1);
                    var ahead = ((int)rule.Weekday - (int)first.DayOfWeek + 7) % 7;
                    return first.AddDays(ahead + 7 * (rule.Nth - 1));
                }
            default:
                return rule.Date is { } d && d.Year == year && d.Month == month ? d : null;
        }
    }

    /// <summary>Local wall-clock time to UTC; a time skipped by a DST jump moves one hour later.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    public static DateTime ToLocal(DateTimeOffset utc, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(utc, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>The occurrence the rule gives on <paramref name="date"/> (changes applied), or null if it gives none.</summary>
    public static StudyOccurrence? OccurrenceOn(StudySession session, DateOnly date, TimeZoneInfo zone)
    {
        if (DateInMonth(session.Rule, date.Year, date.Month) != date) return null;
        var occurrence = Build(session, date, zone);
        return occurrence.StartUtc >= session.SeriesStartUtc || occurrence.Moved ? occurrence : null;
    }

    /// <summary>Occurrences whose (possibly moved) start lies in [fromUtc, toUtc), cancelled ones included, by start.</summary>
    public static IReadOnlyList<StudyOccurrence> Between(StudySession session, DateTimeOffset fromUtc, DateTimeOffset toUtc, TimeZoneInfo zone)
    {
        var result = new List<StudyOccurrence>();
        // A moved occurrence may start outside the month its rule gives: look a little beyond both ends.
        var from = ToLocal(fromUtc, zone).AddMonths(-2);
        var to = ToLocal(toUtc, zone).AddMonths(2);
        var seriesStart = ToLocal(session.SeriesStartUtc, zone);
        if (from < seriesStart.AddMonths(-2)) from = seriesStart.AddMonths(-2);
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= DateOnly.FromDateTime(to); month = month.AddMonths(1))
        {
            if (DateInMonth(session.Rule, month.Year, month.Month) is not { } date) continue;
            var occurrence = Build(session, date, zone);
            if (occurrence.StartUtc < session.SeriesStartUtc && !occurrence.Moved) continue;
            if (occurrence.StartUtc >= fromUtc && occurrence.StartUtc < toUtc) result.Add(occurrence);
        }
        return result.OrderBy(o => o.StartUtc).ToList();
    }

    private static StudyOccurrence Build(StudySession session, DateOnly date, TimeZoneInfo zone)
    {
        var change = session.Changes.FirstOrDefault(c => c.Date == date);
        var local = change?.MovedToLocal ?? date.ToDateTime(session.Rule.Start);
        var start = ToUtc(local, zone);
        return new StudyOccurrence(session, date, DateTime.SpecifyKind(local, DateTimeKind.Unspecified), start,
            start.AddMinutes(session.Rule.DurationMinutes), change?.Cancelled == true, change?.MovedToLocal is not null);
    }
}
