namespace ChatBot.Storage.Study;

public static class StudyLedger
{
    /// <summary>Study hours of one occurrence: its length in hours (90 minutes = 1.5).</summary>
    public static double HoursOf(StudyOccurrence o) => Math.Round((o.EndUtc - o.StartUtc).TotalMinutes / 60, 2);

    /// <summary>
    /// The year's ledger. Hours come from held occurrences (ended, not cancelled) starting in the local calendar year.
    /// Exams are the started, not cancelled occurrences of Exam-format sessions (make-ups excluded: their scores are
    /// stored on the exam they repeat) and any other occurrence with scores. People are matched by name: a sign-in's
    /// name (or <paramref name="nameOf"/> for its user), expected participants and names with scores.
    /// </summary>
    public static StudyLedgerYear ForYear(int year, IEnumerable<StudySession> sessions, IEnumerable<StudyAttendance> attendance, IEnumerable<StudyExamScore> scores,
        DateTimeOffset nowUtc, TimeZoneInfo zone, StudyGrading grading, Func<string, string?>? nameOf = null) =>
        ForPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), sessions, attendance, scores, nowUtc, zone, grading, nameOf);

    /// <summary>The same ledger over the local days <paramref name="first"/> to <paramref name="last"/> (a half-year or a quarter).</summary>
    public static StudyLedgerYear ForPeriod(DateOnly first, DateOnly last, IEnumerable<StudySession> sessions, IEnumerable<StudyAttendance> attendance, IEnumerable<StudyExamScore> scores,
        DateTimeOffset nowUtc, TimeZoneInfo zone, StudyGrading grading, Func<string, string?>? nameOf = null)
    {
        var year = first.Year;
        var from = StudySchedule.ToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        var to = StudySchedule.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var occurrences = sessions.SelectMany(s => StudySchedule.Between(s, from, to, zone)).Where(o => !o.Cancelled).OrderBy(o => o.StartUtc).ToList();
        var held = occurrences.Where(o => o.StatusAt(nowUtc) == StudyOccurrenceStatus.Held).ToList();
        var heldByKey = held.ToDictionary(o => (o.Session.Id, o.Date));
        var started = occurrences.Where(o => o.StartUtc <= nowUtc).ToDictionary(o => (o.Session.Id, o.Date));

        var signIns = attendance.Where(a => heldByKey.ContainsKey((a.SessionId, a.OccurrenceDate))).ToList();
        var people = new Dictionary<string, (string? UserKey, List<StudyAttended> Attended)>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in signIns.GroupBy(a => a.UserKey))
        {
            var name = user.OrderByDescending(a => a.SignedInUtc).Select(a => a.UserName).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
                       ?? nameOf?.Invoke(user.Key) ?? user.Key;
            if (!people.TryGetValue(name, out var entry)) people[name] = entry = (user.Key, []);
            entry.Attended.AddRange(user.Select(a => new StudyAttended(heldByKey[(a.SessionId, a.OccurrenceDate)], a)));
        }
        foreach (var name in held.SelectMany(o => o.Session.ExpectedParticipants))
            people.TryAdd(name, (null, []));

        var scored = scores.Where(s => started.ContainsKey((s.SessionId, s.OccurrenceDate))).ToList();
        var examKeys = started.Values.Where(o => o.Session.Format == StudyFormat.Exam && o.Session.MakeUpOfSessionId is null).Select(o => (o.Session.Id, o.Date))
            .Union(scored.Select(s => (s.SessionId, s.OccurrenceDate))).ToHashSet();
        var exams = new List<StudyExamFigures>();
        foreach (var exam in started.Values.Where(o => examKeys.Contains((o.Session.Id, o.Date))).OrderBy(o => o.StartUtc))
        {
            var results = scored.Where(s => s.SessionId == exam.Session.Id && s.OccurrenceDate == exam.Date)
                .GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g =>
                {
                    var attempts = g.OrderBy(s => s.Attempt).ToList();
                    var counted = grading.Counted(attempts);
                    return new StudyExamResult(exam, g.Key, attempts, counted, grading.GradeOf(counted));
                })
                .OrderByDescending(r => r.Counted).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
            var sat = results.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var absent = exam.Session.ExpectedParticipants.Where(n => !sat.Contains(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            exams.Add(new StudyExamFigures(exam, results, absent));
            foreach (var name in sat.Concat(absent)) people.TryAdd(name, (null, []));
        }

        var records = people.Select(p => new StudyPersonRecord(p.Key, p.Value.UserKey,
                p.Value.Attended.OrderBy(a => a.Occurrence.StartUtc).ToList(),
                exams.SelectMany(e => e.Results).Where(r => string.Equals(r.Name, p.Key, StringComparison.OrdinalIgnoreCase)).ToList(),
                exams.Where(e => e.Absent.Contains(p.Key, StringComparer.OrdinalIgnoreCase)).Select(e => e.Exam).ToList()))
            .OrderByDescending(p => p.Hours).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        var counts = signIns.GroupBy(a => (a.SessionId, a.OccurrenceDate)).ToDictionary(g => g.Key, g => g.Count());
        return new StudyLedgerYear(year, grading, held, counts, records, exams);
    }
}
