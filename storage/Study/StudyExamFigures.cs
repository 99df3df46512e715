namespace ChatBot.Storage.Study;

/// <summary>One exam occurrence: who sat it, who was expected and did not, the pass rate and grade distribution.</summary>
public sealed record StudyExamFigures(StudyOccurrence Exam, IReadOnlyList<StudyExamResult> Results, IReadOnlyList<string> Absent)
{
    public int Sat => Results.Count;
    public int Passed => Results.Count(r => r.Passed);
    /// <summary>Passed over those who sat it (the absent are counted apart).</summary>
    public double? PassRate => Sat == 0 ? null : (double)Passed / Sat;
    public int Count(StudyGrade grade) => Results.Count(r => r.Grade == grade);
}
