using System.Text;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Bot.Features.Charts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>学法统计 [年份] / study stats [year]: sessions held, by format and law, attendance per session and per person.</summary>
internal sealed class StudyStatsCommand(StudyStore store, ChartLinks charts) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["学法统计", "学法情况", "study stats", "study statistics"];
    public IReadOnlyList<string> Verbs => ["study.stats"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "学法统计 [年份]", "study stats [year]", "全年学法次数、形式、出勤率(年度报告用)", "Yearly figures: sessions held, formats, attendance", 25)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var year = ctx.Today.Year;
        var yearText = Recognizers.ToHalfWidth(args.TextOr("year") ?? "").Trim().TrimEnd('年').Trim();
        if (yearText.Length > 0 && (!int.TryParse(yearText, out year) || year < 2000 || year > ctx.Today.Year + 1))
        {
            await ctx.SendTextAsync(ctx.T("年份没看懂,请写成“学法统计 2026”。", "I couldn't read the year; please write \"study stats 2026\"."));
            return;
        }
        var figures = StudyStatistics.ForYear(year, store.InWorkspace(ctx.Workspace.Id), store.AttendanceOf(ctx.Workspace.Id), ctx.Now, ctx.TimeZone, store.ScoresOf(ctx.Workspace.Id));
        if (ctx.Capabilities.AdaptiveCards)
        {
            await ctx.SendCardAsync(StudyCards.Stats(ctx.Lang, figures, figures.Sessions.Count == 0 ? null : [charts.Publish(StatsCharts.StudyAttendance(ctx.Lang, figures))]),
                StudyCards.Summary(ctx.Lang, figures));
            return;
        }
        await ctx.SendTextAsync(AsText(ctx, figures));
    }

    private static string AsText(TurnContext ctx, StudyYearFigures f)
    {
        var lang = ctx.Lang;
        var sb = new StringBuilder(StudyCards.Summary(lang, f));
        if (f.Held == 0) return sb.ToString();
        sb.Append('\n').Append(ctx.T("按形式:", "By format: "))
            .AppendJoin(ctx.T(",", ", "), f.ByFormat.Select(x => $"{StudyText.FormatName(lang, x.Format)} {x.Count}"));
        sb.Append('\n').Append(ctx.T("按法律法规:", "By law: "))
            .AppendJoin(ctx.T(",", ", "), f.ByLaw.Select(x => $"{x.Law} {x.Count}"));
        sb.Append('\n').Append(ctx.T("每次出勤:", "Each session:"));
        foreach (var s in f.Sessions)
            sb.Append("\n- ").Append($"{DateOnly.FromDateTime(s.Occurrence.LocalStart):MM-dd} {s.Occurrence.Session.Title}:")
                .Append(StudyCards.SessionLine(lang, s));
        if (f.People.Count > 0)
        {
            sb.Append('\n').Append(ctx.T("个人参学(参加/举办):", "Per person (attended / held):"));
            foreach (var p in f.People) sb.Append("\n- ").Append($"{p.Name} {p.Attended}/{p.Held}({StudyText.Percent(p.Rate)})");
        }
        return sb.ToString();
    }
}
