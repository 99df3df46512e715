namespace ChatBot.Storage.Study;

public static class StudyStatistics
{
    /// <summary>
    /// Held = occurrences starting in the local calendar year whose end has passed and that were not cancelled.
    /// A person's rate is the occurrences they signed in to over all held occurrences of the year. People are those
    /// who signed in (by user) plus expected participants who never did (by name).
    /// </summary>
    public static StudyYearFigures ForYear(int year, IEnumerable<StudySession> sessions, IEnumerable<StudyAttendance> attendance, DateTimeOffset nowUtc, TimeZoneInfo zone,
        IEnumerable<StudyExamScore>? scores = null) =>
        ForPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), sessions, attendance, nowUtc, zone, scores);

    /// <summary>The same figures over the local days <paramref name="first"/> to <paramref name="last"/> (a half-year or a quarter); a person's rate is over the period's held occurrences.</summary>
    public static StudyYearFigures ForPeriod(DateOnly first, DateOnly last, IEnumerable<StudySession> sessions, IEnumerable<StudyAttendance> attendance, DateTimeOffset nowUtc, TimeZoneInfo zone,
        IEnumerable<StudyExamScore>? scores = null)
    {
        var year = first.Year;
        var from = StudySchedule.ToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        var to = StudySchedule.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var occurrences = sessions.SelectMany(s => StudySchedule.Between(s, from, to, zone)).ToList();
        var held = occurrences.Where(o => o.StatusAt(nowUtc) == StudyOccurrenceStatus.Held).OrderBy(o => o.StartUtc).ToList();
        var cancelled = occurrences.Count(o => o.Cancelled);

        var heldKeys = held.ToDictionary(o => (o.Session.Id, o.Date));
        var signIns = attendance.Where(a => heldKeys.ContainsKey((a.SessionId, a.OccurrenceDate))).ToList();
        var bySession = signIns.GroupBy(a => (a.SessionId, a.OccurrenceDate)).ToDictionary(g => g.Key, g => g.Count());

        var scoresBySession = (scores ?? []).GroupBy(s => (s.SessionId, s.OccurrenceDate)).ToDictionary(g => g.Key, g => g.Select(s => s.Score).ToList());
        var sessionFigures = held.Select(o =>
        {
            var marks = scoresBySession.GetValueOrDefault((o.Session.Id, o.Date)) ?? [];
            return new StudySessionFigures(o, bySession.GetValueOrDefault((o.Session.Id, o.Date)),
                o.Session.ExpectedParticipants.Count > 0 ? o.Session.ExpectedParticipants.Count : null,
                marks.Count, marks.Count > 0 ? Math.Round(marks.Average(), 1) : null);
        }).ToList();

        var people = signIns.GroupBy(a => a.UserKey)
            .Select(g => new StudyPersonFigures(g.OrderByDescending(a => a.SignedInUtc).First().UserName ?? g.Key, g.Key, g.Count(), held.Count))
            .ToList();
        var namesSeen = new HashSet<string>(people.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var name in held.SelectMany(o => o.Session.ExpectedParticipants).Distinct(StringComparer.OrdinalIgnoreCase))
            if (namesSeen.Add(name)) people.Add(new StudyPersonFigures(name, null, 0, held.Count));

        return new StudyYearFigures(year, held.Count, cancelled, signIns.Count,
            held.GroupBy(o => o.Session.Format).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key).ToList(),
            held.GroupBy(o => o.Session.Law).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList(),
            sessionFigures,
            people.OrderByDescending(p => p.Attended).ThenBy(p => p.Name, StringComparer.Ordinal).ToList());
    }
}
