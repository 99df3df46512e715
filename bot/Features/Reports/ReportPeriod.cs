using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards;

namespace ChatBot.Bot.Features.Reports;

/// <summary>What a report covers: a year, a half-year or a quarter, as local days (inclusive).</summary>
internal sealed partial record ReportPeriod(int Year, DateOnly First, DateOnly Last, ReportPeriodKind Kind, int Part)
{
    public bool IsYear => Kind == ReportPeriodKind.Year;

    public static ReportPeriod WholeYear(int year) => new(year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ReportPeriodKind.Year, 0);

    public static ReportPeriod Half(int year, int half) =>
        new(year, new DateOnly(year, half == 1 ? 1 : 7, 1), half == 1 ? new DateOnly(year, 6, 30) : new DateOnly(year, 12, 31), ReportPeriodKind.Half, half);

    public static ReportPeriod Quarter(int year, int quarter)
    {
        var first = new DateOnly(year, quarter * 3 - 2, 1);
        return new(year, first, first.AddMonths(3).AddDays(-1), ReportPeriodKind.Quarter, quarter);
    }

    /// <summary>"2026年", "2026年上半年", "2026年第三季度": how the period is named in a title.</summary>
    public string Name(Lang lang) => Kind switch
    {
        ReportPeriodKind.Half => lang.T($"{Year}年{(Part == 1 ? "上" : "下")}半年", $"H{Part} {Year}"),
        ReportPeriodKind.Quarter => lang.T($"{Year}年第{"一二三四"[Part - 1]}季度", $"Q{Part} {Year}"),
        _ => lang.T($"{Year}年", $"{Year}"),
    };

    /// <summary>The document's title: the annual report for a year, a work summary for a half-year or a quarter.</summary>
    public string Title(Lang lang) => IsYear
        ? lang.T($"{Year}年度法治政府建设情况报告", $"Report on building a law-based government, {Year}")
        : lang.T($"{Name(lang)}法治政府建设工作总结", $"Work summary on building a law-based government, {Name(lang)}");

    public string FileName(Lang lang) => IsYear
        ? lang.T($"{Year}年度法治政府建设情况报告.docx", $"law-based-government-report-{Year}.docx")
        : lang.T($"{Name(lang)}法治政府建设工作总结.docx", $"work-summary-{Year}-{(Kind == ReportPeriodKind.Half ? "H" : "Q")}{Part}.docx");

    /// <summary>
    /// "" → the year being reported on (Jan–Mar: last year, the annual report is due by 1 March; otherwise this year);
    /// "2026", "2026年"; "2026上半年" / "2026 H1" / "2026下半年"; "2026Q3" / "2026年第三季度" / "2026年3季度". Null when unreadable.
    /// </summary>
    public static ReportPeriod? Parse(string text, DateOnly today)
    {
        var t = Recognizers.ToHalfWidth(text).Trim().ToLowerInvariant().Replace(" ", "");
        if (t.Length == 0) return WholeYear(today.Month <= 3 ? today.Year - 1 : today.Year);
        if (t is "本年" or "今年" or "thisyear") return WholeYear(today.Year);
        if (t is "去年" or "lastyear") return WholeYear(today.Year - 1);
        var m = Pattern().Match(t);
        if (!m.Success) return null;
        var year = int.Parse(m.Groups["year"].Value);
        if (year is < 2000 or > 2100) return null;
        var rest = m.Groups["rest"].Value.TrimStart('年', '-');
        if (rest is "" or "年度" or "度") return WholeYear(year);
        if (rest is "上半年" or "h1") return Half(year, 1);
        if (rest is "下半年" or "h2") return Half(year, 2);
        var q = QuarterPattern().Match(rest);
        if (!q.Success) return null;
        var digit = q.Groups["n"].Value;
        var quarter = digit switch { "一" => 1, "二" => 2, "三" => 3, "四" => 4, _ => int.Parse(digit) };
        return quarter is >= 1 and <= 4 ? Quarter(year, quarter) : null;
    }

    [GeneratedRegex(@"^(?<year>\d{4})(?<rest>.*)$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?:q(?<n>[1-4])|第?(?<n>[1-4一二三四])季度?)$")]
    private static partial Regex QuarterPattern();
}
