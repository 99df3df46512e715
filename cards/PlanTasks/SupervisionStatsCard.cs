using System.Globalization;
using System.Text;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Cards.PlanTasks;

/// <summary>督办统计: totals, then the departments and the owners ranked by 按时办结率, in columns that line up.</summary>
public static class SupervisionStatsCard
{
    /// <summary>Relative column widths, the same in every row (as the mediation stats do), so figures sit under their headings.</summary>
    internal static readonly string[] Widths = ["30", "10", "16", "10", "16", "10", "14"];

    public static AdaptiveCard Build(Lang lang, string title, SupervisionReport r, string? downloadUrl = null, IReadOnlyList<ChatBot.Cards.Charts.ChartImage>? charts = null)
    {
        var card = new AdaptiveCard().Add(TextBlock.Title(title));
        if (r.Department is not null) card.Add(TextBlock.Subtle(lang.T($"牵头单位含“{r.Department}”", $"Lead departments matching \"{r.Department}\"")));
        card.Add(new TextBlock(Headline(lang, r.Total)) { Wrap = true });
        ChatBot.Cards.Charts.ChartImage.AddTo(card, charts);
        Table(card, lang, lang.T("按牵头单位(按时办结率排名)", "By lead department (ranked by on-time rate)"), r.ByDepartment);
        Table(card, lang, lang.T("按责任人(按时办结率排名)", "By owner (ranked by on-time rate)"), r.ByOwner);
        card.Add(TextBlock.Subtle(lang.T("按时/逾期:已办结(含待验收)的任务按上报办结日与时限(含批准延期后的时限)比较;按时办结率 = 按时办结 ÷ 应办结(时限已过或已办结);响应:催办到下次反馈的平均天数。",
            "On time / late: finished tasks (awaiting acceptance included), the day reported done against the deadline (as extended). On-time rate = done on time ÷ due so far (deadline passed or done). Response: average days from a chase to the next update.")));
        if (downloadUrl is not null)
            card.AddAction(new OpenUrlAction { Title = lang.T("下载 Excel(考核用)", "Download Excel (appraisal)"), Url = downloadUrl });
        return card;
    }

    /// <summary>"共12项:按时办结7项,逾期办结2项,当前逾期1项;延期1次,催办3次,平均1.5天响应;按时办结率77.8%。"</summary>
    public static string Headline(Lang lang, SupervisionFigures t) => lang.T(
        $"共{t.Tasks}项:按时办结{t.DoneOnTime}项,逾期办结{t.DoneLate}项,当前逾期{t.OverdueNow}项;延期{t.Extensions}次,催办{t.Chases}次{(t.AverageResponseDays is { } d ? $",平均{Days(d)}天响应" : "")};按时办结率{Rate(t.OnTimeRate)}。",
        $"{t.Tasks} tasks: {t.DoneOnTime} done on time, {t.DoneLate} done late, {t.OverdueNow} overdue now; {t.Extensions} extensions, {t.Chases} chases{(t.AverageResponseDays is { } e ? $", answered in {Days(e)} days on average" : "")}; on-time rate {Rate(t.OnTimeRate)}.");

    public static string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Days(double? days) => days is { } d ? d.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    public static string NameOf(Lang lang, string name) => name == SupervisionReport.Unassigned ? lang.T("(未指定)", "(unassigned)") : name;

    private static void Table(AdaptiveCard card, Lang lang, string heading, IReadOnlyList<SupervisionFigures> rows)
    {
        if (rows.Count == 0) return;
        card.Add(new TextBlock(heading) { Weight = "Bolder", Separator = true, Spacing = "Medium" });
        card.Add(Row([lang.T("名次 单位", "Rank"), lang.T("任务", "Tasks"), lang.T("按时/逾期", "On time/late"), lang.T("逾期中", "Overdue"),
            lang.T("延期/催办", "Ext./chases"), lang.T("响应天", "Resp. d"), lang.T("按时率", "On-time")], true));
        var rank = 0;
        foreach (var f in rows.Take(PlanTaskCards.MaxRows))
        {
            rank++;
            card.Add(Row([$"{rank}. {NameOf(lang, f.Name)}", f.Tasks.ToString(), $"{f.DoneOnTime}/{f.DoneLate}", f.OverdueNow.ToString(),
                $"{f.Extensions}/{f.Chases}", Days(f.AverageResponseDays), Rate(f.OnTimeRate)], false));
        }
        if (rows.Count > PlanTaskCards.MaxRows)
            card.Add(TextBlock.Subtle(lang.T($"另有 {rows.Count - PlanTaskCards.MaxRows} 行见 Excel。", $"{rows.Count - PlanTaskCards.MaxRows} more rows in the Excel file.")));
    }

    private static ColumnSet Row(string[] cells, bool header) => new()
    {
        Spacing = header ? "Small" : "None",
        Columns = cells.Select((text, i) => new Column
        {
            Width = Widths[i],
            Items = [new TextBlock(text) { Size = "Small", Weight = header ? "Bolder" : null, Wrap = true, HorizontalAlignment = i == 0 ? null : "Center" }],
        }).ToList(),
    };

    /// <summary>The same as lines of text, for channels without cards (WeCom).</summary>
    public static string Text(Lang lang, string title, SupervisionReport r)
    {
        var sb = new StringBuilder(title).Append('\n').Append(Headline(lang, r.Total)).Append('\n');
        void Section(string heading, IReadOnlyList<SupervisionFigures> rows)
        {
            if (rows.Count == 0) return;
            sb.Append('\n').Append(heading).Append('\n');
            var rank = 0;
            foreach (var f in rows.Take(PlanTaskCards.MaxRows))
                sb.Append(++rank).Append(". ").Append(NameOf(lang, f.Name)).Append(lang.T(":", ": ")).Append(Headline(lang, f)).Append('\n');
        }
        Section(lang.T("按牵头单位", "By lead department"), r.ByDepartment);
        Section(lang.T("按责任人", "By owner"), r.ByOwner);
        return sb.ToString().TrimEnd();
    }
}
