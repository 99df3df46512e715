namespace ChatBot.Storage.Study;

public sealed record StudySessionFigures(StudyOccurrence Occurrence, int SignedIn, int? Expected, int Scored = 0, double? AverageScore = null)
{
    /// <summary>Signed-in / expected, when the expected participants are known.</summary>
    public double? AttendanceRate => Expected is > 0 ? (double)SignedIn / Expected.Value : null;
}

public sealed record StudyPersonFigures(string Name, string? UserKey, int Attended, int Held)
{
    public double Rate => Held == 0 ? 0 : (double)Attended / Held;
}

/// <summary>The figures a yearly report cites ("组织学法活动6次").</summary>
public sealed record StudyYearFigures(
    int Year,
    int Held,
    int Cancelled,
    int Attendances,
    IReadOnlyList<(StudyFormat Format, int Count)> ByFormat,
    IReadOnlyList<(string Law, int Count)> ByLaw,
    IReadOnlyList<StudySessionFigures> Sessions,
    IReadOnlyList<StudyPersonFigures> People)
{
    /// <summary>Total signed-in over total expected, across sessions whose expected participants are known.</summary>
    public double? OverallRate
    {
        get
        {
            var known = Sessions.Where(s => s.Expected is > 0).ToList();
            return known.Count == 0 ? null : (double)known.Sum(s => s.SignedIn) / known.Sum(s => s.Expected!.Value);
        }
    }
}

public static class StudyStatistics
{
    /// <summary>
    /// Held = occurrences starting in the local calendar year whose end has passed and that were not cancelled.
    /// A person's rate is the occurrences they signed in to over all held occurrences of the year. People are those
    /// who signed in (by user) plus expected participants who never did (by name).
    /// </summary>
    public static StudyYearFigures ForYear(int year, IEnumerable<StudySession> sessions, IEnumerable<StudyAttendance> attendance, DateTimeOffset nowUtc, TimeZoneInfo zone,
        IEnumerable<StudyExamScore>? scores = null)
    {
        var from = StudySchedule.ToUtc(new DateTime(year, 1, 1), zone);
        var to = StudySchedule.ToUtc(new DateTime(year + 1, 1, 1), zone);
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
