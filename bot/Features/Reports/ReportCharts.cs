using ChatBot.Bot.Features.Charts;
using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Cards;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Reports;

/// <summary>
/// The charts the report embeds: the stats cards' charts (<see cref="StatsCharts"/>), drawn from the same figures the
/// report prints, so a chart never disagrees with its paragraph. A section with nothing to draw gets no chart.
/// </summary>
internal sealed class ReportCharts(ChartRenderer renderer, IOptions<PlanTaskOptions> taskOptions)
{
    // Wide enough for the 15.6 cm text column at print resolution without the labels becoming tiny.
    private const int Width = 900, Height = 480;

    public IReadOnlyList<ReportImage> For(Lang lang, Workspace workspace, ReportFigures f, ReportChart chart)
    {
        var models = new List<ChartModel>();
        switch (chart)
        {
            case ReportChart.StudyAttendance when f.Study.Sessions.Count > 0:
                models.Add(StatsCharts.StudyAttendance(lang, f.Study));
                break;
            case ReportChart.MediationByMonthAndType when f.Mediation.Total.Received > 0:
                models.Add(StatsCharts.MediationByMonth(lang, f.Mediation));
                models.Add(StatsCharts.MediationByType(lang, f.Mediation));
                break;
            case ReportChart.TasksByStatusAndDepartment when f.Supervision.Total.Tasks > 0:
                models.Add(StatsCharts.TasksByLight(lang, f.Tasks, f.Today, taskOptions.Value.YellowDaysFor(workspace)));
                if (f.Supervision.ByDepartment.Any(d => d.OnTimeRate is not null)) models.Add(StatsCharts.OnTimeByDepartment(lang, f.Supervision));
                break;
        }
        return models.Select(m =>
        {
            var height = m.Horizontal ? Math.Clamp(150 + 40 * m.Bars.Count, 300, 620) : Height; // at most ~9.5 cm on the page, so a chart does not push a near-empty page
            return new ReportImage(renderer.RenderPng(m, Width, height), Width, height, m.AltText);
        }).ToList();
    }
}
