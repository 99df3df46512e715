namespace ChatBot.Storage.Study;

/// <summary>One person's sittings of one exam and the score and grade that count.</summary>
public sealed record StudyExamResult(StudyOccurrence Exam, string Name, IReadOnlyList<StudyExamScore> Attempts, double Counted, StudyGrade Grade)
{
    public bool Passed => Grade != StudyGrade.Fail;
}
