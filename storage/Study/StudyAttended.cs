namespace ChatBot.Storage.Study;

/// <summary>A held occurrence one person attended, and the study hours (学时) it gives: its length in hours.</summary>
public sealed record StudyAttended(StudyOccurrence Occurrence, StudyAttendance Attendance)
{
    public double Hours => StudyLedger.HoursOf(Occurrence);
}
