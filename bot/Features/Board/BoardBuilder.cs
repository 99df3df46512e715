using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Study;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Board;

/// <summary>
/// Works out a workspace's <see cref="BoardFigures"/> with the same rules the stats commands use
/// (<see cref="SupervisionReport"/>, <see cref="MediationReport"/>, <see cref="StudyStatistics"/>), so the board and
/// 督办统计 / 调解统计 / 学法统计 agree.
/// </summary>
internal sealed class BoardBuilder(PlanTaskStore tasks, MediationStore cases, StudyStore study, TimeProvider clock,
    IOptions<BoardOptions> options, IOptions<PlanTaskOptions> taskOptions)
{
    public BoardFigures Build(Workspace workspace)
    {
        var zone = TimeZones.Find(workspace.TimeZone);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var year = today.Year;
        var yellowDays = taskOptions.Value.YellowDaysFor(workspace);

        var allTasks = tasks.All(workspace.Id);
        var yearTasks = allTasks.Where(t => t.PlanYear == year && t.Status != PlanTaskStatus.Cancelled).ToList();
        var report = SupervisionReport.Compute(allTasks, year, null, today, t => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime));
        // The key tasks (重点) when the plan marks any, else every task of the year's plan.
        var keyTasks = yearTasks.Any(t => t.HasSupervision && t.Supervision.IsKey) ? yearTasks.Where(t => t.HasSupervision && t.Supervision.IsKey).ToList() : yearTasks;
        var sections = keyTasks.GroupBy(t => t.Section.Trim())
            .OrderBy(g => g.Min(t => t.Id))
            .Select(g => (g.Key, (IReadOnlyList<BoardTask>)g.OrderBy(t => t.Id).Select(t => new BoardTask(t.Title, Responsible(t), t.UrgencyOn(today, yellowDays),
                t.Status == PlanTaskStatus.Done ? 100 : Math.Clamp(t.Progress, 0, 100), t.DueDate)).ToList()))
            .ToList();

        var allCases = cases.All(workspace.Id);
        var mediation = MediationReport.Compute(allCases, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var byMonth = Enumerable.Range(1, 12).Select(m => mediation.ByMonth.FirstOrDefault(x => x.Month == m).Figures?.Received ?? 0).ToList();
        var sessions = study.InWorkspace(workspace.Id);
        var attendance = study.AttendanceOf(workspace.Id);
        var studyYear = StudyStatistics.ForYear(year, sessions, attendance, now, zone);

        DateTimeOffset? last = null;
        foreach (var t in allTasks) if (last is null || t.UpdatedUtc > last) last = t.UpdatedUtc;
        foreach (var c in allCases) if (last is null || c.UpdatedUtc > last) last = c.UpdatedUtc;
        foreach (var s in sessions) if (last is null || s.UpdatedUtc > last) last = s.UpdatedUtc;
        foreach (var a in attendance) if (last is null || a.SignedInUtc > last) last = a.SignedInUtc;

        return new BoardFigures(year, sections,
            report.Total.Tasks, report.Total.DoneOnTime + report.Total.DoneLate, report.Total.DoneOnTime, report.Total.OverdueNow,
            yearTasks.GroupBy(t => t.UrgencyOn(today, yellowDays)).ToDictionary(g => g.Key, g => g.Count()),
            mediation.Total.Received, mediation.Total.Successful, mediation.Total.SuccessRate, byMonth,
            studyYear.Held, studyYear.Attendances, studyYear.OverallRate,
            last is { } l ? TimeZoneInfo.ConvertTime(l, zone) : null);
    }

    /// <summary>The lead department; the owners' names too only when the setting allows.</summary>
    private string Responsible(PlanTask t)
    {
        var department = t.Department.Trim();
        if (!options.Value.ShowsOwners || t.Owners.Count == 0) return department;
        return department.Length == 0 ? string.Join("、", t.Owners) : $"{department}({string.Join("、", t.Owners)})";
    }
}
