namespace ChatBot.Storage.Study;

/// <summary>One person's year: the sessions attended with their hours, and the exams.</summary>
public sealed record StudyPersonRecord(string Name, string? UserKey, IReadOnlyList<StudyAttended> Attended, IReadOnlyList<StudyExamResult> Exams, IReadOnlyList<StudyOccurrence> ExamsMissed)
{
    public double Hours => Math.Round(Attended.Sum(a => a.Hours), 2);
}
