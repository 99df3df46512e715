using System.Text;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>Cards and plain-text versions showing mediation cases. <c>mask</c> hides the parties' personal data.</summary>
public static class MediationCaseCards
{
    public const string FollowUpVerb = "mediation.followup";
    public const string OutcomeVerb = "mediation.outcome";
    public const string ShowVerb = "mediation.show";
    public const string ListVerb = "mediation.list";

    /// <summary>One case with its facts, follow-ups and (when <paramref name="actions"/>) buttons to follow up or record the outcome.</summary>
    public static AdaptiveCard Detail(Lang lang, MediationCase c, bool mask, bool actions, string? heading = null, TimeZoneInfo? timeZone = null)
    {
        var card = new AdaptiveCard();
        if (heading is not null) card.Add(new TextBlock(heading) { Color = "Good", Weight = "Bolder" });
        card.Add(TextBlock.Title(lang.T($"调解案件 {c.CaseNo}", $"Mediation case {c.CaseNo}")));
        card.Add(Facts(lang, c, mask));
        if (c.FollowUps.Count > 0)
        {
            card.Add(new TextBlock(lang.T($"回访记录({c.FollowUps.Count} 次)", $"Follow-up visits ({c.FollowUps.Count})")) { Weight = "Bolder", Separator = true });
            foreach (var f in c.FollowUps.OrderBy(f => f.Date))
                card.Add(new TextBlock(FollowUpLine(lang, c, f, mask)) { Size = "Small" });
        }
        card.Add(TextBlock.Subtle(Recorded(lang, c, timeZone)));
        if (mask)
            card.Add(TextBlock.Subtle(lang.T("群聊中当事人信息已隐去;完整信息请在与我的私聊中查看。", "Party details are hidden in group chats; ask me in a personal chat to see them.")));
        if (actions)
        {
            card.AddAction(SubmitAction.For(lang.T("添加回访", "Add follow-up"), FollowUpVerb, new { caseNo = c.CaseNo }));
            card.AddAction(SubmitAction.For(lang.T("记录调解结果", "Record outcome"), OutcomeVerb, new { caseNo = c.CaseNo }));
        }
        return card;
    }

    public static FactSet Facts(Lang lang, MediationCase c, bool mask)
    {
        var flags = new List<string>();
        if (c.Major) flags.Add(lang.T("重大疑难", "Major/difficult"));
        if (c.Collective) flags.Add(lang.T("群体性", "Group dispute"));
        return new FactSet()
            .Add(lang.T("案号", "Case no."), c.CaseNo)
            .Add(lang.T("受理日期", "Received"), lang.Date(c.ReceivedOn))
            .Add(lang.T("来源", "Source"), lang.Of(c.Source))
            .Add(lang.T("纠纷类型", "Type"), lang.Of(c.DisputeType))
            .Add(lang.T("村(社区)", "Village"), c.Village)
            .Add(lang.T("当事人", "Parties"), MediationPrivacy.Parties(c.Parties, mask))
            .Add(lang.T("涉及人数", "People"), c.PeopleInvolved.ToString())
            .Add(lang.T("涉及金额(元)", "Amount (yuan)"), c.AmountInvolved == 0 ? "—" : MediationLabels.Amount(c.AmountInvolved))
            .Add(lang.T("简要情况", "Summary"), MediationPrivacy.Text(c.Summary, c.Parties, mask))
            .Add(lang.T("调解员", "Mediators"), string.Join("、", c.Mediators))
            .Add(lang.T("调解状态", "Status"), lang.Of(c.Status))
            .Add(lang.T("协议形式", "Agreement"), lang.Of(c.AgreementForm))
            .Add(lang.T("结果说明", "Outcome note"), MediationPrivacy.Text(c.OutcomeNote, c.Parties, mask))
            .Add(lang.T("标记", "Flags"), string.Join("、", flags));
    }

    /// <summary>"王小明 登记于 2026年3月10日 09:00,最近更新 …": who created the case and when it last changed (the audit log has every change).</summary>
    public static string Recorded(Lang lang, MediationCase c, TimeZoneInfo? timeZone)
    {
        string At(DateTimeOffset t) => lang.DateTime(timeZone is null ? t : TimeZoneInfo.ConvertTime(t, timeZone));
        var text = lang.T($"{c.CreatedByName} 登记于 {At(c.CreatedUtc)}", $"Logged by {c.CreatedByName} on {At(c.CreatedUtc)}");
        return c.UpdatedUtc > c.CreatedUtc ? text + lang.T($",最近更新 {At(c.UpdatedUtc)}", $", last changed {At(c.UpdatedUtc)}") : text;
    }

    public static string FollowUpLine(Lang lang, MediationCase c, FollowUpVisit f, bool mask) =>
        $"{lang.Date(f.Date)} · {f.By} · {lang.Of(f.Performance)}" + (string.IsNullOrWhiteSpace(f.Note) ? "" : " · " + MediationPrivacy.Text(f.Note, c.Parties, mask));

    /// <summary>The case as text, for channels without cards.</summary>
    public static string DetailText(Lang lang, MediationCase c, bool mask, string? heading = null, TimeZoneInfo? timeZone = null)
    {
        var sb = new StringBuilder();
        if (heading is not null) sb.Append(heading).Append('\n');
        foreach (var f in Facts(lang, c, mask).Facts) sb.Append(f.Title).Append(": ").Append(f.Value).Append('\n');
        foreach (var f in c.FollowUps.OrderBy(f => f.Date)) sb.Append(lang.T("回访: ", "Follow-up: ")).Append(FollowUpLine(lang, c, f, mask)).Append('\n');
        sb.Append(Recorded(lang, c, timeZone)).Append('\n');
        sb.Append(lang.T($"回复“回访 {c.CaseNo}”添加回访,“调解结果 {c.CaseNo}”记录结果。", $"Reply \"follow up {c.CaseNo}\" to add a visit, \"outcome {c.CaseNo}\" to record the outcome."));
        return sb.ToString();
    }

    public static string ListLine(Lang lang, MediationCase c, bool mask) =>
        $"{c.CaseNo} · {lang.Date(c.ReceivedOn)} · {lang.Of(c.DisputeType)} · {c.Village} · {PartiesShort(lang, c, mask)} · {lang.Of(c.Status)}";

    /// <summary>The first two parties' names, "等" when there are more.</summary>
    private static string PartiesShort(Lang lang, MediationCase c, bool mask) =>
        MediationPrivacy.Names(c.Parties.Take(2), mask) + (c.Parties.Count > 2 ? lang.T("等", " et al.") : "");

    /// <summary>One page of a list; <paramref name="more"/> is the data of the "more" button (verb + filter + next page), or null.</summary>
    public static AdaptiveCard List(Lang lang, string title, IReadOnlyList<MediationCase> page, int total, bool mask, object? more)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(title));
        if (page.Count == 0) card.Add(new TextBlock(lang.T("没有符合条件的案件。", "No cases match.")));
        foreach (var c in page)
            card.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock($"{c.CaseNo} · {lang.Of(c.DisputeType)} · {lang.Of(c.Status)}") { Weight = "Bolder" },
                    TextBlock.Subtle($"{lang.Date(c.ReceivedOn)} · {c.Village} · {PartiesShort(lang, c, mask)}"),
                ],
                SelectAction = SubmitAction.For(lang.T("查看", "Open"), ShowVerb, new { caseNo = c.CaseNo }),
            });
        card.Add(TextBlock.Subtle(total == 0 ? lang.T("暂无案件。", "No cases.") : lang.T($"共 {total} 件,点击案件查看详情。", $"{total} case(s); select one to open it.")));
        if (more is not null) card.AddAction(SubmitAction.For(lang.T("更多", "More"), ListVerb, more));
        return card;
    }

    public static string ListText(Lang lang, string title, IReadOnlyList<MediationCase> page, int total, bool mask, bool hasMore)
    {
        var sb = new StringBuilder(title).Append('\n');
        if (page.Count == 0) sb.Append(lang.T("没有符合条件的案件。", "No cases match.")).Append('\n');
        foreach (var c in page) sb.Append(ListLine(lang, c, mask)).Append('\n');
        sb.Append(lang.T($"共 {total} 件。", $"{total} case(s)."));
        if (hasMore) sb.Append(lang.T("回复“更多”查看下一页。", " Reply \"more\" for the next page."));
        return sb.ToString();
    }
}
