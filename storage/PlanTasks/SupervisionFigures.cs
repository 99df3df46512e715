namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// The appraisal (考核) figures of one department or owner: tasks, done on time, done late, overdue now, approved
/// extensions, chases and the average days the owners took to answer a chase.
/// </summary>
public sealed record SupervisionFigures(string Name, int Tasks, int DoneOnTime, int DoneLate, int OverdueNow, int Extensions, int Chases,
    double? AverageResponseDays, int DueSoFar)
{
    /// <summary>
    /// 按时办结率: tasks done on time over the tasks that should be done by now (deadline passed, or done already);
    /// null when none should be done yet.
    /// </summary>
    public double? OnTimeRate => DueSoFar == 0 ? null : (double)DoneOnTime / DueSoFar;
}
