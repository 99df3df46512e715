using System.Text;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Charts;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>The report figures: totals, then by type, village and month (received / mediated / successful / rate / oral / written).</summary>
public static class MediationStatsCard
{
    /// <param name="charts">Chart images shown under the totals (the figures stay in text for screen readers).</param>
    public static AdaptiveCard Build(Lang lang, string title, MediationReport r, IReadOnlyList<ChartImage>? charts = null)
    {
        var t = r.Total;
        var card = new AdaptiveCard().Add(TextBlock.Title(title));
        card.Add(TextBlock.Subtle($"{lang.Date(r.From)} – {lang.Date(r.To)}"));
        card.Add(new TextBlock(Headline(lang, t)) { Wrap = true });
        card.Add(new FactSet()
            .Add(lang.T("受理", "Received"), t.Received.ToString())
            .Add(lang.T("调解", "Mediated"), t.Mediated.ToString())
            .Add(lang.T("调解成功", "Settled"), t.Successful.ToString())
            .Add(lang.T("成功率", "Success rate"), MediationLabels.Rate(t.SuccessRate))
            .Add(lang.T("口头协议", "Oral agreements"), t.Oral.ToString())
            .Add(lang.T("书面协议", "Written agreements"), t.Written.ToString())
            .Add(lang.T("未结(受理/调解中)", "Open"), t.Open.ToString())
            .Add(lang.T("已移交", "Referred on"), t.Referred.ToString())
            .Add(lang.T("重大疑难 / 群体性", "Major / group"), $"{t.Major} / {t.Collective}"));
        ChartImage.AddTo(card, charts);
        Table(card, lang, lang.T("按纠纷类型", "By type"), r.ByType.Select(x => (lang.Of(x.Type), x.Figures)));
        Table(card, lang, lang.T("按村(社区)", "By village"), r.ByVillage.Select(x => (x.Village, x.Figures)));
        Table(card, lang, lang.T("按月份", "By month"), r.ByMonth.Select(x => (lang.T($"{x.Year}年{x.Month}月", $"{x.Year}-{x.Month:00}"), x.Figures)));
        return card;
    }

    /// <summary>"受理166起,调解166起,调解成功166起,成功率100%;口头协议79起,书面协议31起。"</summary>
    public static string Headline(Lang lang, MediationFigures t) => lang.T(
        $"受理{t.Received}起,调解{t.Mediated}起,调解成功{t.Successful}起,成功率{MediationLabels.Rate(t.SuccessRate)};口头协议{t.Oral}起,书面协议{t.Written}起。",
        $"Received {t.Received}, mediated {t.Mediated}, settled {t.Successful}, success rate {MediationLabels.Rate(t.SuccessRate)}; oral agreements {t.Oral}, written {t.Written}.");

    private static void Table(AdaptiveCard card, Lang lang, string heading, IEnumerable<(string Key, MediationFigures F)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        card.Add(new TextBlock(heading) { Weight = "Bolder", Separator = true, Spacing = "Medium" });
        card.Add(Row(lang.T("分类", "Group"), lang.T("受理", "Rec."), lang.T("调解", "Med."), lang.T("成功", "Set."), lang.T("成功率", "Rate"), lang.T("口头/书面", "Oral/Wr."), true));
        foreach (var (key, f) in list)
            card.Add(Row(key, f.Received.ToString(), f.Mediated.ToString(), f.Successful.ToString(), MediationLabels.Rate(f.SuccessRate), $"{f.Oral}/{f.Written}", false));
    }

    /// <summary>Relative column widths, the same in every row, so the figures sit under their headings on any screen
    /// ("auto" sized each row's columns to its own text, and the rows did not line up).</summary>
    internal static readonly string[] Widths = ["28", "11", "11", "11", "15", "20"];

    private static ColumnSet Row(string key, string received, string mediated, string successful, string rate, string forms, bool header)
    {
        Column Cell(int i, string text) => new()
        {
            Width = Widths[i],
            Items = [new TextBlock(text) { Size = "Small", Weight = header ? "Bolder" : null, Wrap = true, HorizontalAlignment = i == 0 ? null : "Center" }],
        };
        return new ColumnSet
        {
            Spacing = header ? "Small" : "None",
            Columns = [Cell(0, key), Cell(1, received), Cell(2, mediated), Cell(3, successful), Cell(4, rate), Cell(5, forms)],
        };
    }

    public static string Text(Lang lang, string title, MediationReport r)
    {
        var sb = new StringBuilder(title).Append(" (").Append(lang.Date(r.From)).Append(" – ").Append(lang.Date(r.To)).Append(")\n");
        sb.Append(Headline(lang, r.Total)).Append('\n');
        void Section(string heading, IEnumerable<(string Key, MediationFigures F)> rows)
        {
            var list = rows.ToList();
            if (list.Count == 0) return;
            sb.Append('\n').Append(heading).Append('\n');
            foreach (var (k, f) in list)
                sb.Append(lang.T($"{k}:受理{f.Received},调解{f.Mediated},成功{f.Successful},成功率{MediationLabels.Rate(f.SuccessRate)},口头{f.Oral},书面{f.Written}",
                    $"{k}: received {f.Received}, mediated {f.Mediated}, settled {f.Successful}, rate {MediationLabels.Rate(f.SuccessRate)}, oral {f.Oral}, written {f.Written}")).Append('\n');
        }
        Section(lang.T("按纠纷类型", "By type"), r.ByType.Select(x => (lang.Of(x.Type), x.Figures)));
        Section(lang.T("按村(社区)", "By village"), r.ByVillage.Select(x => (x.Village, x.Figures)));
        Section(lang.T("按月份", "By month"), r.ByMonth.Select(x => (lang.T($"{x.Year}年{x.Month}月", $"{x.Year}-{x.Month:00}"), x.Figures)));
        return sb.ToString().TrimEnd();
    }
}
