namespace ChatBot.Storage.Study;

public sealed record StudySessionFigures(StudyOccurrence Occurrence, int SignedIn, int? Expected, int Scored = 0, double? AverageScore = null)
{
    /// <summary>Signed-in / expected, when the expected participants are known.</summary>
    public double? AttendanceRate => Expected is > 0 ? (double)SignedIn / Expected.Value : null;
}
