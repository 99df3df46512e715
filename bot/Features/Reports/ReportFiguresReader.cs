using ChatBot.Bot.Features.Study;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Reports;

/// <summary>Reads a workspace's records for a period and computes the report's figures with the stats commands' own rules.</summary>
internal sealed class ReportFiguresReader(MediationStore cases, StudyStore study, StudyLedgerReader ledger, PlanTaskStore tasks)
{
    public ReportFigures Read(Workspace workspace, ReportPeriod period, DateTimeOffset nowUtc, TimeZoneInfo zone, DateOnly today)
    {
        var id = workspace.Id;
        // 调解统计: cases received in the period.
        var allCases = cases.All(id);
        var mediation = MediationReport.Compute(allCases, period.First, period.Last);
        var inPeriod = allCases.Where(c => c.ReceivedOn >= period.First && c.ReceivedOn <= period.Last).OrderBy(c => c.Year).ThenBy(c => c.Seq).ToList();

        // 学法统计 / 考试统计 / 学时统计: occurrences starting in the period.
        var sessions = study.InWorkspace(id);
        var figures = StudyStatistics.ForPeriod(period.First, period.Last, sessions, study.AttendanceOf(id), nowUtc, zone, study.ScoresOf(id));
        var year = ledger.Read(id, period.First, period.Last, nowUtc, zone);

        // 督办统计: the plan year's tasks; a half-year or a quarter takes those due in it.
        var allTasks = tasks.All(id);
        var periodTasks = InPeriod(allTasks, period).ToList();
        DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
        var supervision = SupervisionReport.Compute(periodTasks, period.Year, null, today, LocalDate);
        var counted = periodTasks.Where(t => t.Status != PlanTaskStatus.Cancelled).OrderBy(t => t.Id).ToList();
        var bySection = counted.GroupBy(t => t.Section.Trim() is { Length: > 0 } s ? s : SupervisionReport.Unassigned)
            .Select(g => (g.Key, SupervisionReport.Compute(g, period.Year, null, today, LocalDate).Total))
            .OrderBy(x => counted.FindIndex(t => (t.Section.Trim() is { Length: > 0 } s ? s : SupervisionReport.Unassigned) == x.Key))
            .ToList();

        var next = Next(period);
        var nextTasks = InPeriod(allTasks, next).Where(t => t.Status != PlanTaskStatus.Cancelled).OrderBy(t => t.Id).ToList();
        var nextFrom = StudySchedule.ToUtc(next.First.ToDateTime(TimeOnly.MinValue), zone);
        var nextTo = StudySchedule.ToUtc(next.Last.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var nextStudy = sessions.SelectMany(s => StudySchedule.Between(s, nextFrom, nextTo, zone)).Where(o => !o.Cancelled).OrderBy(o => o.StartUtc).ToList();

        return new ReportFigures(workspace.Name ?? "", period, today, mediation, inPeriod,
            inPeriod.Where(c => c.IsOverdue(today)).ToList(), figures, year, ledger.Options.HoursTargetFor(workspace),
            supervision, bySection, counted, next, nextTasks, nextStudy);
    }

    private static IEnumerable<PlanTask> InPeriod(IEnumerable<PlanTask> all, ReportPeriod period) =>
        all.Where(t => t.PlanYear == period.Year && (period.IsYear || (t.DueDate >= period.First && t.DueDate <= period.Last)));

    /// <summary>The period after: next year, the next half-year, the next quarter.</summary>
    public static ReportPeriod Next(ReportPeriod p) => p.Kind switch
    {
        ReportPeriodKind.Half => p.Part == 1 ? ReportPeriod.Half(p.Year, 2) : ReportPeriod.Half(p.Year + 1, 1),
        ReportPeriodKind.Quarter => p.Part < 4 ? ReportPeriod.Quarter(p.Year, p.Part + 1) : ReportPeriod.Quarter(p.Year + 1, 1),
        _ => ReportPeriod.WholeYear(p.Year + 1),
    };
}
