namespace ChatBot.Storage.Study;

/// <summary>How exam scores become grades: the band floors, the number of sittings and which one counts.</summary>
public sealed record StudyGrading(double ExcellentFrom = 90, double GoodFrom = 80, double PassFrom = 60, int MaxAttempts = 3, bool BestAttemptCounts = true)
{
    public static readonly StudyGrading Default = new();

    public StudyGrade GradeOf(double score) =>
        score >= ExcellentFrom ? StudyGrade.Excellent : score >= GoodFrom ? StudyGrade.Good : score >= PassFrom ? StudyGrade.Pass : StudyGrade.Fail;

    /// <summary>The score that counts among a person's attempts: the best, or (if so set) the latest.</summary>
    public double Counted(IEnumerable<StudyExamScore> attempts) =>
        BestAttemptCounts ? attempts.Max(a => a.Score) : attempts.OrderBy(a => a.Attempt).Last().Score;
}
