using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Charts;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Cards.Help;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// 督办统计 [2026] [部门] / supervision stats: per lead department and per owner — tasks, on time, late, overdue now,
/// extensions, chases, days to answer a chase — ranked by 按时办结率; a card with the .xlsx for the appraisal as a link.
/// The figures are about departments and staff, not the public: the group may see them.
/// </summary>
internal sealed partial class SupervisionStatsCommand(PlanTaskStore store, MediationDownloads downloads, ChartLinks charts, IOptions<PlanTaskOptions> taskOptions,
    IOptions<BotOptions> options, IHttpContextAccessor? http = null) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["督办统计", "督办考核", "考核统计", "supervision stats", "appraisal"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "督办统计 [年份] [部门]", "supervision stats [year] [department]", "按牵头单位和责任人统计按时办结、逾期、延期、催办,按按时办结率排名,可下载 Excel", "On-time, late, overdue, extensions and chases by department and owner, ranked; Excel for the appraisal", 39)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var (year, department) = Parse(args.Text, ctx.Today.Year);
        if (year is null)
        {
            await ctx.SendTextAsync(ctx.T("年份应在 2000–2100 之间,例如“督办统计 2026”或“督办统计 2026 司法所”。",
                "The year should be between 2000 and 2100, e.g. \"supervision stats 2026\" or \"supervision stats 2026 司法所\"."));
            return;
        }
        var all = store.All(ctx.Workspace.Id);
        if (all.Count == 0)
        {
            await ctx.SendTextAsync(TaskArgs.NoTasksYet(ctx));
            return;
        }
        var zone = ctx.TimeZone;
        var report = SupervisionReport.Compute(all, year.Value, department, ctx.Today, t => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime));
        if (report.Total.Tasks == 0)
        {
            await ctx.SendTextAsync(department is null
                ? ctx.T($"{year}年没有督办任务。", $"There are no tasks for {year}.")
                : ctx.T($"{year}年没有牵头单位含“{department}”的任务。", $"No {year} tasks have a lead department matching \"{department}\"."));
            return;
        }
        var title = ctx.T($"{year}年督办统计", $"Supervision statistics {year}") + (department is null ? "" : $"({department})");
        var fileName = $"督办统计-{year}{(department is null ? "" : "-" + department)}.xlsx";
        var token = downloads.Add(ctx.Workspace.Id, fileName, SupervisionWorkbook.ContentType, SupervisionWorkbook.Build(ctx.Lang, report, title, ctx.Today));
        var url = $"{ChatBot.Bot.Hosting.PublicBaseUrl.For(options.Value.PublicBaseUrl, http?.HttpContext?.Request)}/files/{token}";
        if (ctx.Capabilities.AdaptiveCards)
        {
            var yearTasks = all.Where(t => t.PlanYear == year && (department is null || t.Department.Contains(department.Trim(), StringComparison.OrdinalIgnoreCase)));
            var images = new List<ChatBot.Cards.Charts.ChartImage>
            {
                charts.Publish(StatsCharts.TasksByLight(ctx.Lang, yearTasks, ctx.Today, taskOptions.Value.YellowDaysFor(ctx.Workspace))),
            };
            if (report.ByDepartment.Any(d => d.OnTimeRate is not null)) images.Add(charts.Publish(StatsCharts.OnTimeByDepartment(ctx.Lang, report)));
            await ctx.SendCardAsync(SupervisionStatsCard.Build(ctx.Lang, title, report, url, images), SupervisionStatsCard.Headline(ctx.Lang, report.Total));
        }
        else
            await ctx.SendTextAsync(SupervisionStatsCard.Text(ctx.Lang, title, report) + "\n\n" + ctx.T("Excel(30 分钟内有效):", "Excel (valid for 30 minutes): ") + url);
    }

    /// <summary>"" → this year; "2025" → 2025; "2026 司法所" / "司法所" → a year and a department filter. A bad year: null.</summary>
    public static (int? Year, string? Department) Parse(string text, int thisYear)
    {
        var t = ChatBot.Bot.Conversation.Prompts.Recognizers.ToHalfWidth(text).Trim();
        var m = YearFirst().Match(t);
        if (!m.Success) return (thisYear, t.Length == 0 ? null : t);
        var year = int.Parse(m.Groups["year"].Value);
        var rest = m.Groups["rest"].Value.Trim();
        return (year is >= 2000 and <= 2100 ? year : null, rest.Length == 0 ? null : rest);
    }

    [GeneratedRegex(@"^(?<year>\d{4})\s*年?(?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex YearFirst();
}
