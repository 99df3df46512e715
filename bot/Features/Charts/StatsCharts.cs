using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Charts;

/// <summary>The charts of the stats commands, from the same figures their cards print (so a chart never disagrees with the text).</summary>
internal static class StatsCharts
{
    public const string Red = "#c62828", Yellow = "#f9a825", Green = "#2e7d32", Grey = "#9e9e9e", Blue = "#1f4e8c";

    /// <summary>Cases received each month of the period, months without cases included.</summary>
    public static ChartModel MediationByMonth(Lang lang, MediationReport r)
    {
        var counts = r.ByMonth.ToDictionary(m => (m.Year, m.Month), m => m.Figures.Received);
        var bars = new List<ChartBar>();
        for (var m = new DateOnly(r.From.Year, r.From.Month, 1); m <= r.To; m = m.AddMonths(1))
            bars.Add(new ChartBar(lang.T($"{m.Month}月", $"{m:MMM}"), counts.GetValueOrDefault((m.Year, m.Month))));
        return new ChartModel(lang.T("每月受理纠纷(起)", "Cases received per month"), bars);
    }

    /// <summary>Cases received by dispute type, most first.</summary>
    public static ChartModel MediationByType(Lang lang, MediationReport r) =>
        new(lang.T("按纠纷类型受理(起)", "Cases received by type"),
            r.ByType.OrderByDescending(t => t.Figures.Received).Select(t => new ChartBar(lang.Of(t.Type), t.Figures.Received)).ToList(),
            Horizontal: true);

    /// <summary>Attendance of each session held: the rate where the expected participants are known, else none drawn.</summary>
    public static ChartModel StudyAttendance(Lang lang, StudyYearFigures f)
    {
        var rated = f.Sessions.Where(s => s.AttendanceRate is not null).ToList();
        return rated.Count > 0
            ? new ChartModel(lang.T("每次学法出勤率", "Attendance per session"),
                rated.Select(s => new ChartBar($"{DateOnly.FromDateTime(s.Occurrence.LocalStart):MM-dd}", s.AttendanceRate!.Value * 100,
                    s.AttendanceRate < 0.8 ? Yellow : Green)).ToList(), Percent: true)
            : new ChartModel(lang.T("每次学法签到人数", "Signed in per session"),
                f.Sessions.Select(s => new ChartBar($"{DateOnly.FromDateTime(s.Occurrence.LocalStart):MM-dd}", s.SignedIn)).ToList());
    }

    /// <summary>The year's tasks (cancelled ones left out) by traffic light on <paramref name="today"/>.</summary>
    public static ChartModel TasksByLight(Lang lang, IEnumerable<PlanTask> yearTasks, DateOnly today, int yellowDays)
    {
        var counts = yearTasks.Where(t => t.Status != PlanTaskStatus.Cancelled).GroupBy(t => t.UrgencyOn(today, yellowDays)).ToDictionary(g => g.Key, g => g.Count());
        return new ChartModel(lang.T("任务红黄绿灯(项)", "Tasks by traffic light"),
        [
            new(lang.T("逾期", "Overdue"), counts.GetValueOrDefault(TaskUrgency.Overdue), Red),
            new(lang.T("临期", "Due soon"), counts.GetValueOrDefault(TaskUrgency.DueSoon), Yellow),
            new(lang.T("正常", "On track"), counts.GetValueOrDefault(TaskUrgency.OnTrack), Green),
            new(lang.T("已办结", "Done"), counts.GetValueOrDefault(TaskUrgency.Closed), Grey),
        ]);
    }

    /// <summary>按时办结率 of each lead department with tasks due so far, in the report's ranking.</summary>
    public static ChartModel OnTimeByDepartment(Lang lang, SupervisionReport r) =>
        new(lang.T("各牵头单位按时办结率", "On-time rate by lead department"),
            r.ByDepartment.Where(d => d.OnTimeRate is not null).Take(15)
                .Select(d => new ChartBar(d.Name == SupervisionReport.Unassigned ? lang.T("(未指定)", "(unassigned)") : d.Name, d.OnTimeRate!.Value * 100,
                    d.OnTimeRate >= 0.9 ? Green : d.OnTimeRate >= 0.6 ? Yellow : Red)).ToList(),
            Horizontal: true, Percent: true);
}
