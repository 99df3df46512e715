namespace ChatBot.Storage.Study;

/// <summary>The whole year per person and per exam: what 我的学法, 学时统计, the exam figures and the 台账 are made of.</summary>
public sealed record StudyLedgerYear(int Year, StudyGrading Grading, IReadOnlyList<StudyOccurrence> Held, IReadOnlyDictionary<(int SessionId, DateOnly Date), int> Attendance,
    IReadOnlyList<StudyPersonRecord> People, IReadOnlyList<StudyExamFigures> Exams)
{
    public int Sat => Exams.Sum(e => e.Sat);
    public int Passed => Exams.Sum(e => e.Passed);
    public double? PassRate => Sat == 0 ? null : (double)Passed / Sat;
    public int Count(StudyGrade grade) => Exams.Sum(e => e.Count(grade));

    public StudyPersonRecord? Person(string name) => People.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<StudyMakeUpEntry> MakeUpList() =>
        Exams.SelectMany(e => e.Results.Where(r => !r.Passed && r.Attempts.Count < Grading.MaxAttempts)
                .Select(r => new StudyMakeUpEntry(e.Exam, r.Name, r.Counted, r.Attempts.Count))
                .Concat(e.Absent.Select(n => new StudyMakeUpEntry(e.Exam, n, null, 0))))
            .ToList();
}
