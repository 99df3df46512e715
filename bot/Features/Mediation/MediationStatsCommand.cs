using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Charts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>调解统计 / mediation stats [year|month|2025|2026-03]: the report figures by type, village and month.</summary>
internal sealed partial class MediationStatsCommand(MediationReplies replies, ChartLinks charts) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["调解统计", "mediation stats", "mediation statistics"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "调解统计 [本年|本月|2025|2026-03]", "mediation stats [year|month]", "受理、调解、成功数和成功率,按类型、村、月份", "Received, mediated, settled and success rate by type, village and month", 23)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!TryPeriod(args.Text, ctx.Today, out var from, out var to))
        {
            await ctx.SendTextAsync(ctx.T("没看懂统计期间。可以写“调解统计”(本年)、“调解统计 本月”、“调解统计 2025”或“调解统计 2026-03”。",
                "I didn't understand the period. Try \"mediation stats\" (this year), \"mediation stats month\", \"mediation stats 2025\" or \"mediation stats 2026-03\"."));
            return;
        }
        var report = MediationReport.Compute(replies.Store.All(ctx.Workspace.Id), from, to);
        var title = from.Month == 1 && from.Day == 1 && to == new DateOnly(from.Year, 12, 31)
            ? ctx.T($"{from.Year}年人民调解统计", $"Mediation statistics {from.Year}")
            : ctx.T($"{from.Year}年{from.Month}月人民调解统计", $"Mediation statistics {from:yyyy-MM}");
        if (ctx.Capabilities.AdaptiveCards)
            await ctx.SendCardAsync(MediationStatsCard.Build(ctx.Lang, title, report, report.Total.Received == 0 ? null :
                [charts.Publish(StatsCharts.MediationByMonth(ctx.Lang, report)), charts.Publish(StatsCharts.MediationByType(ctx.Lang, report))]));
        else await ctx.SendTextAsync(MediationStatsCard.Text(ctx.Lang, title, report));
    }

    /// <summary>"" / year / 本年 → this year; month / 本月 → this month; "2025" → that year; "2026-03", "2026年3月", "3月" → that month.</summary>
    public static bool TryPeriod(string text, DateOnly today, out DateOnly from, out DateOnly to)
    {
        var t = ChatBot.Bot.Conversation.Prompts.Recognizers.ToHalfWidth(text).Trim().ToLowerInvariant();
        (from, to) = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
        if (t is "" or "year" or "本年" or "今年" or "全年" or "this year") return true;
        if (t is "month" or "本月" or "this month") return Month(today.Year, today.Month, out from, out to);
        if (t is "去年" or "last year") { (from, to) = (new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year - 1, 12, 31)); return true; }
        if (YearOnly().Match(t) is { Success: true } y)
        {
            var year = int.Parse(y.Groups[1].Value);
            (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            return year is >= 2000 and <= 2100;
        }
        if (YearMonth().Match(t) is { Success: true } ym)
            return Month(int.Parse(ym.Groups[1].Value), int.Parse(ym.Groups[2].Value), out from, out to);
        if (MonthOnly().Match(t) is { Success: true } mo)
            return Month(today.Year, int.Parse(mo.Groups[1].Value), out from, out to);
        return false;
    }

    private static bool Month(int year, int month, out DateOnly from, out DateOnly to)
    {
        from = to = default;
        if (year is < 2000 or > 2100 || month is < 1 or > 12) return false;
        from = new DateOnly(year, month, 1);
        to = from.AddMonths(1).AddDays(-1);
        return true;
    }

    [GeneratedRegex(@"^(\d{4})\s*年?$")]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"^(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?$")]
    private static partial Regex YearMonth();

    [GeneratedRegex(@"^(\d{1,2})\s*月$")]
    private static partial Regex MonthOnly();
}
