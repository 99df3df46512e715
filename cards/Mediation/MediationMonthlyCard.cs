using System.Globalization;
using System.Text;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>调解月报: the month, the month before, 环比 and 本年累计 of every 人民调解工作统计 figure. Counts only, so it is the same in a group.</summary>
public static class MediationMonthlyCard
{
    public static string Title(Lang lang, MediationMonthlyReport r) =>
        lang.T($"{r.Year}年{r.Month}月人民调解工作统计", $"Mediation monthly report {r.Year}-{r.Month:00}");

    /// <summary>The rows of the report, in the order of the statistics form; the card and the .xlsx both print these.</summary>
    public static IReadOnlyList<MediationMonthlyLine> Lines(Lang lang, MediationMonthlyReport r)
    {
        var (m, p, y) = (r.ThisMonth, r.PreviousMonth, r.YearToDate);
        var lines = new List<MediationMonthlyLine>();
        void Count(string label, Func<MediationPeriodFigures, int> f) => lines.Add(new(label, false, f(m), f(p), f(m) - f(p), f(y)));
        void Heading(string label) => lines.Add(new(label, true, null, null, null, null));

        Count(lang.T("受理纠纷(件)", "Cases received"), f => f.Received);
        Count(lang.T("调解成功(件)", "Settled"), f => f.Successful);
        lines.Add(new(lang.T("调解成功率", "Success rate"), false, m.SuccessRate, p.SuccessRate, RateChange(lang, m.SuccessRate, p.SuccessRate), y.SuccessRate));
        lines.Add(new(lang.T("协议金额(元)", "Amount agreed (yuan)"), false, m.AgreementAmount, p.AgreementAmount, m.AgreementAmount - p.AgreementAmount, y.AgreementAmount));
        Heading(lang.T("受理来源", "Received, by source"));
        Count(lang.T("申请", "Application"), f => f.FromApplication);
        Count(lang.T("主动", "Own initiative"), f => f.FromScreening);
        Count(lang.T("委托移送", "Entrusted or referred"), f => f.EntrustedOrReferred);
        Heading(lang.T("受理纠纷类型", "Received, by type"));
        foreach (var type in Enum.GetValues<DisputeType>())
            if (m.ReceivedByType.ContainsKey(type) || p.ReceivedByType.ContainsKey(type) || y.ReceivedByType.ContainsKey(type))
                Count(lang.Of(type), f => f.ReceivedByType.GetValueOrDefault(type));
        Heading(lang.T("调解成功", "Settled"));
        Count(lang.T("口头协议", "Oral agreement"), f => f.Oral);
        Count(lang.T("书面协议", "Written agreement"), f => f.Written);
        Count(lang.T("已履行", "Performed"), f => f.Fulfilled);
        Count(lang.T("司法确认", "Confirmed by a court"), f => f.CourtConfirmed);
        Heading(lang.T("受理纠纷中", "Of the cases received"));
        Count(lang.T("重大疑难", "Major or difficult"), f => f.Major);
        Count(lang.T("群体性", "Group disputes"), f => f.Collective);
        return lines;
    }

    /// <summary>"+12.5个百分点", "−5个百分点", "0", or "—" when either month has no rate.</summary>
    private static string RateChange(Lang lang, double? now, double? before)
    {
        if (now is not { } a || before is not { } b) return "—";
        var points = Math.Round((a - b) * 100, 1);
        if (points == 0) return "0";
        return Signed(points.ToString("0.#", CultureInfo.InvariantCulture), points > 0) + lang.T("个百分点", " pts");
    }

    private static string Signed(string magnitude, bool positive) => (positive ? "+" : "") + magnitude;

    /// <summary>A figure as the card and the text print it.</summary>
    public static string Format(object? value) => value switch
    {
        null => "—",
        int n => n.ToString(CultureInfo.InvariantCulture),
        decimal d => MediationLabels.Amount(d),
        double rate => MediationLabels.Rate(rate),
        string s => s,
        _ => value.ToString() ?? "",
    };

    /// <summary>A change as the card prints it: "+2", "-1", "0", "+1,500".</summary>
    public static string FormatChange(object? value) => value switch
    {
        int n => n > 0 ? "+" + n : n.ToString(CultureInfo.InvariantCulture),
        decimal d => d > 0 ? "+" + MediationLabels.Amount(d) : MediationLabels.Amount(d),
        _ => Format(value),
    };

    internal static readonly string[] Widths = ["34", "15", "15", "18", "18"];

    /// <param name="downloadUrl">The .xlsx link, or null.</param>
    public static AdaptiveCard Build(Lang lang, MediationMonthlyReport r, string? downloadUrl)
    {
        var card = new AdaptiveCard().Add(TextBlock.Title(Title(lang, r)));
        card.Add(TextBlock.Subtle(lang.T(
            $"{lang.Date(r.ThisMonth.From)} – {lang.Date(r.ThisMonth.To)};受理按受理日期、调解成功按结案日期计入当月。",
            $"{lang.Date(r.ThisMonth.From)} – {lang.Date(r.ThisMonth.To)}; received counts by the date received, settled by the date closed.")));
        card.Add(Row(lang.T("项目", "Item"), lang.T("本月", "Month"), lang.T("上月", "Prev."), lang.T("环比", "Change"), lang.T("本年累计", "Year to date"), header: true));
        foreach (var line in Lines(lang, r))
        {
            if (line.Heading) card.Add(new TextBlock(line.Label) { Weight = "Bolder", Size = "Small", Separator = true, Spacing = "Small", Wrap = true });
            else card.Add(Row(line.Label, Format(line.ThisMonth), Format(line.PreviousMonth), FormatChange(line.Change), Format(line.YearToDate), header: false));
        }
        if (downloadUrl is not null)
        {
            card.Add(TextBlock.Subtle(lang.T("Excel 版按月报表格式排版(A4),链接 30 分钟内有效。", "The Excel version is laid out as the report form (A4); the link is valid for 30 minutes.")));
            card.AddAction(new OpenUrlAction { Title = lang.T("下载 Excel", "Download Excel"), Url = downloadUrl });
        }
        return card;
    }

    private static ColumnSet Row(string label, string month, string previous, string change, string year, bool header)
    {
        Column Cell(int i, string text) => new()
        {
            Width = Widths[i],
            Items = [new TextBlock(text) { Size = "Small", Weight = header ? "Bolder" : null, Wrap = true, HorizontalAlignment = i == 0 ? null : "Center" }],
        };
        return new ColumnSet { Spacing = header ? "Small" : "None", Columns = [Cell(0, label), Cell(1, month), Cell(2, previous), Cell(3, change), Cell(4, year)] };
    }

    public static string Text(Lang lang, MediationMonthlyReport r, string? downloadUrl)
    {
        var sb = new StringBuilder(Title(lang, r)).Append('\n');
        sb.Append(lang.T("(本月 / 上月 / 环比 / 本年累计)", "(month / previous / change / year to date)")).Append('\n');
        foreach (var line in Lines(lang, r))
            sb.Append(line.Heading
                ? line.Label
                : $"{line.Label}: {Format(line.ThisMonth)} / {Format(line.PreviousMonth)} / {FormatChange(line.Change)} / {Format(line.YearToDate)}").Append('\n');
        if (downloadUrl is not null) sb.Append(lang.T("Excel(30 分钟内有效):", "Excel (valid for 30 minutes): ")).Append(downloadUrl);
        return sb.ToString().TrimEnd();
    }
}
