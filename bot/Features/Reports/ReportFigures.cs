using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Reports;

/// <summary>
/// Everything a report states, computed by the same code as the stats commands (调解统计: <see cref="MediationReport"/>,
/// 学法统计: <see cref="StudyStatistics"/>, 考试统计 / 学时统计: <see cref="StudyLedger"/>, 督办统计:
/// <see cref="SupervisionReport"/>), with the records behind them for the appendix.
/// </summary>
internal sealed record ReportFigures(
    string WorkspaceName,
    ReportPeriod Period,
    DateOnly Today,
    MediationReport Mediation,
    IReadOnlyList<MediationCase> Cases,
    IReadOnlyList<MediationCase> CasesPastTimeLimit,
    StudyYearFigures Study,
    StudyLedgerYear Ledger,
    double HoursTarget,
    SupervisionReport Supervision,
    IReadOnlyList<(string Section, SupervisionFigures Figures)> BySection,
    IReadOnlyList<PlanTask> Tasks,
    ReportPeriod NextPeriod,
    IReadOnlyList<PlanTask> NextTasks,
    IReadOnlyList<StudyOccurrence> NextStudy)
{
    /// <summary>A session below this attendance rate is named under 存在的问题.</summary>
    public const double LowAttendance = 0.8;

    /// <summary>People (signed in or expected) with at least one held session's hours.</summary>
    public int PeopleWithHours => Ledger.People.Count(p => p.Hours > 0);
    public double TotalHours => Math.Round(Ledger.People.Sum(p => p.Hours), 2);
    public int BelowHoursTarget => Ledger.People.Count(p => p.Hours < HoursTarget);

    /// <summary>Distinct people who signed in at least once.</summary>
    public int Participants => Study.People.Count(p => p.Attended > 0);

    /// <summary>The average of the scores that count (best or last sitting, as graded), over every exam of the period.</summary>
    public double? ExamAverage
    {
        get
        {
            var counted = Ledger.Exams.SelectMany(e => e.Results).Select(r => r.Counted).ToList();
            return counted.Count == 0 ? null : Math.Round(counted.Average(), 1, MidpointRounding.AwayFromZero);
        }
    }

    public IReadOnlyList<StudySessionFigures> LowAttendanceSessions => Study.Sessions.Where(s => s.AttendanceRate < LowAttendance).ToList();

    public int TasksDone => Supervision.Total.DoneOnTime + Supervision.Total.DoneLate;

    /// <summary>The tasks open past their deadline on the report's day (督办统计's 当前逾期).</summary>
    public IReadOnlyList<PlanTask> OverdueTasks => Tasks.Where(t => t.IsOpen && t.DueDate < Today).OrderBy(t => t.DueDate).ThenBy(t => t.Id).ToList();
}
