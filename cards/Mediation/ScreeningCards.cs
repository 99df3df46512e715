using System.Text;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>A saved screening round (with a 转为调解案件 button per dispute not yet a case) and 排查统计.</summary>
public static class ScreeningCards
{
    public const string ToCaseVerb = "mediation.screening.case";

    /// <param name="caseNos">The case number each dispute became, by index (null: not a case yet).</param>
    public static AdaptiveCard Round(Lang lang, ScreeningRound r, IReadOnlyList<string?> caseNos, string? heading = null, bool actions = true)
    {
        var card = new AdaptiveCard();
        if (heading is not null) card.Add(new TextBlock(heading) { Weight = "Bolder", Color = "Good" });
        card.Add(TextBlock.Heading(lang.T($"矛盾纠纷排查 · {r.Village}", $"Dispute screening · {r.Village}")));
        card.Add(new FactSet()
            .Add(lang.T("排查日期", "Date"), lang.Date(r.Date))
            .Add(lang.T("排查人", "Screened by"), r.ScreenedBy)
            .Add(lang.T("结果", "Result"), Result(lang, r)));
        for (var i = 0; i < r.Disputes.Count; i++)
        {
            var d = r.Disputes[i];
            card.Add(new TextBlock($"{i + 1}. {lang.Of(d.Type)} · {Shown(d)}") { Separator = i == 0, Spacing = "Small" });
            if (caseNos.ElementAtOrDefault(i) is { } caseNo)
                card.Add(TextBlock.Subtle(lang.T($"已转为调解案件 {caseNo}", $"Became mediation case {caseNo}")));
            else if (actions)
                card.Add(new ActionSet { Actions = [SubmitAction.For(lang.T("转为调解案件", "Make it a mediation case"), ToCaseVerb, new { round = r.Key, item = i + 1 })] });
        }
        return card;
    }

    /// <summary>
    /// What the filled-in form turns into once saved: one line, not the round again — the round itself, with its
    /// buttons, comes as the next message.
    /// </summary>
    public static AdaptiveCard FormReceipt(Lang lang, ScreeningRound r) => new AdaptiveCard()
        .Add(TextBlock.Heading(lang.T("矛盾纠纷排查", "Dispute screening")))
        .Add(new TextBlock(lang.T($"✅ 已保存排查记录:{r.Village} · {lang.Date(r.Date)} · {Result(lang, r)}",
            $"✅ Screening saved: {r.Village} · {lang.Date(r.Date)} · {Result(lang, r)}")) { Wrap = true });

    public static string RoundText(Lang lang, ScreeningRound r, IReadOnlyList<string?> caseNos, string? heading = null)
    {
        var sb = new StringBuilder();
        if (heading is not null) sb.Append(heading).Append('\n');
        sb.Append(lang.T($"矛盾纠纷排查 · {r.Village} · {lang.Date(r.Date)} · 排查人 {r.ScreenedBy} · {Result(lang, r)}",
            $"Dispute screening · {r.Village} · {lang.Date(r.Date)} · by {r.ScreenedBy} · {Result(lang, r)}"));
        for (var i = 0; i < r.Disputes.Count; i++)
        {
            sb.Append('\n').Append($"{i + 1}. {lang.Of(r.Disputes[i].Type)} · {Shown(r.Disputes[i])}");
            sb.Append(caseNos.ElementAtOrDefault(i) is { } caseNo
                ? lang.T($"(已转为调解案件 {caseNo})", $" (became case {caseNo})")
                : lang.T("(转为案件请回复“调解登记 主动调解 村名 简要情况”)", " (to make it a case: \"log mediation screening VILLAGE summary\")"));
        }
        return sb.ToString();
    }

    /// <summary>The description as shown: a round is usually read in the group, so phone numbers typed into it are masked.</summary>
    private static string Shown(ScreenedDispute d) => MediationPrivacy.Text(d.Description, [], mask: true);

    private static string Result(Lang lang, ScreeningRound r) =>
        r.ZeroReport ? lang.T("零报告(未发现矛盾纠纷)", "Zero report (no dispute found)") : lang.T($"发现矛盾纠纷 {r.Disputes.Count} 件", $"{English.Count(r.Disputes.Count, "dispute")} found");

    public static AdaptiveCard Stats(Lang lang, int year, IReadOnlyList<ScreeningMonth> months, int villagesKnown)
    {
        var card = new AdaptiveCard().Add(TextBlock.Title(lang.T($"{year}年矛盾纠纷排查统计", $"Dispute screening {year}")));
        card.Add(new TextBlock(Headline(lang, months, villagesKnown)) { Wrap = true });
        card.Add(Row(lang.T("月份", "Month"), lang.T("排查次数", "Rounds"), lang.T("覆盖村居", "Villages"), lang.T("零报告", "Zero"), lang.T("发现纠纷", "Found"), lang.T("转为案件", "Cases"), true));
        foreach (var m in months)
            card.Add(Row(lang.T($"{m.Month}月", $"{m.Year}-{m.Month:00}"), m.Rounds.ToString(), Covered(m), m.ZeroReports.ToString(), m.DisputesFound.ToString(), m.TurnedIntoCases.ToString(), false));
        return card;
    }

    public static string StatsText(Lang lang, int year, IReadOnlyList<ScreeningMonth> months, int villagesKnown)
    {
        var sb = new StringBuilder(lang.T($"{year}年矛盾纠纷排查统计", $"Dispute screening {year}")).Append('\n').Append(Headline(lang, months, villagesKnown));
        foreach (var m in months)
            sb.Append('\n').Append(lang.T($"{m.Month}月:排查{m.Rounds}次,覆盖村居{Covered(m)},零报告{m.ZeroReports},发现纠纷{m.DisputesFound},转为案件{m.TurnedIntoCases}",
                $"{m.Year}-{m.Month:00}: {English.Count(m.Rounds, "round")}, villages {Covered(m)}, zero reports {m.ZeroReports}, disputes found {m.DisputesFound}, became cases {m.TurnedIntoCases}"));
        return sb.ToString();
    }

    private static string Covered(ScreeningMonth m) => m.VillagesKnown > 0 ? $"{m.VillagesCovered}/{m.VillagesKnown}" : m.VillagesCovered.ToString();

    private static string Headline(Lang lang, IReadOnlyList<ScreeningMonth> months, int villagesKnown)
    {
        int rounds = months.Sum(m => m.Rounds), zero = months.Sum(m => m.ZeroReports), found = months.Sum(m => m.DisputesFound), cases = months.Sum(m => m.TurnedIntoCases);
        return lang.T($"全年排查{rounds}次(已知村居{villagesKnown}个),零报告{zero}次,发现矛盾纠纷{found}件,转为调解案件{cases}件。",
            $"{English.Count(rounds, "screening round")} this year ({English.Count(villagesKnown, "village")} known), {English.Count(zero, "zero report")}, {English.Count(found, "dispute")} found, {cases} became mediation cases.");
    }

    private static readonly string[] Widths = ["16", "16", "18", "16", "17", "17"];

    private static ColumnSet Row(string month, string rounds, string villages, string zero, string found, string cases, bool header)
    {
        string[] cells = [month, rounds, villages, zero, found, cases];
        return new ColumnSet
        {
            Spacing = header ? "Medium" : "None", Separator = header ? true : null,
            Columns = cells.Select((text, i) => new Column
            {
                Width = Widths[i],
                Items = [new TextBlock(text) { Size = "Small", Weight = header ? "Bolder" : null, Wrap = true, HorizontalAlignment = i == 0 ? null : "Center" }],
            }).ToList(),
        };
    }
}
