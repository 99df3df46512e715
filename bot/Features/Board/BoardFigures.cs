namespace ChatBot.Bot.Features.Board;

/// <summary>
/// What the public board shows: the year's key tasks by section, the task counts of 督办统计, and this year's mediation
/// and study totals — aggregate figures only, no party names or phones.
/// </summary>
internal sealed record BoardFigures(
    int Year,
    IReadOnlyList<(string Section, IReadOnlyList<BoardTask> Tasks)> Sections,
    int Tasks,
    int Done,
    int DoneOnTime,
    int Overdue,
    IReadOnlyDictionary<ChatBot.Storage.PlanTasks.TaskUrgency, int> Lights,
    int CasesReceived,
    int CasesSettled,
    double? SuccessRate,
    IReadOnlyList<int> CasesByMonth,
    int StudySessions,
    int StudyAttendances,
    double? StudyAttendanceRate,
    DateTimeOffset? LastUpdateLocal);
