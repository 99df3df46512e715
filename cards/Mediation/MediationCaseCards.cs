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
    public const string AgreementVerb = "mediation.agreement";

    /// <summary>One case with its facts, follow-ups and (when <paramref name="actions"/>) buttons to follow up or record the outcome.</summary>
    public static AdaptiveCard Detail(Lang lang, MediationCase c, bool mask, bool actions, string? heading = null, TimeZoneInfo? timeZone = null, DateOnly? today = null)
    {
        var card = new AdaptiveCard();
        if (heading is not null) card.Add(new TextBlock(heading) { Color = "Good", Weight = "Bolder" });
        card.Add(TextBlock.Title(lang.T($"调解案件 {c.CaseNo}", $"Mediation case {c.CaseNo}")));
        card.Add(Facts(lang, c, mask, today));
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
            // The 协议书 holds personal data: its button is offered where it can be given, a personal chat.
            if (!mask && c.Status == MediationStatus.Succeeded && c.AgreementForm == AgreementForm.Written)
                card.AddAction(SubmitAction.For(lang.T("生成协议书", "Agreement document"), AgreementVerb, new { caseNo = c.CaseNo }));
        }
        return card;
    }

    public static FactSet Facts(Lang lang, MediationCase c, bool mask, DateOnly? today = null)
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
            .Add(lang.T("当事人", "Parties"), string.Join(mask ? "、" : ";", c.Parties.Select(p => PartyLine(lang, p, mask))))
            .Add(lang.T("涉及人数", "People"), c.PeopleInvolved.ToString())
            .Add(lang.T("涉及金额(元)", "Amount (yuan)"), c.AmountInvolved == 0 ? "—" : MediationLabels.Amount(c.AmountInvolved))
            .Add(lang.T("简要情况", "Summary"), MediationPrivacy.Text(c.Summary, c.Parties, mask))
            .Add(lang.T("调解员", "Mediators"), string.Join("、", c.Mediators))
            .Add(lang.T("调解状态", "Status"), lang.Of(c.Status))
            .Add(lang.T("协议形式", "Agreement"), lang.Of(c.AgreementForm))
            .Add(lang.T("结果说明", "Outcome note"), MediationPrivacy.Text(c.OutcomeNote, c.Parties, mask))
            .Add(lang.T("标记", "Flags"), string.Join("、", flags))
            .AddIf(c.IsOpen, lang.T("调解期限", "Time limit"), TimeLimitText(lang, c, today))
            .AddIf(c.ClosedOn is not null, lang.T("结案日期", "Closed"), c.ClosedOn is { } d ? lang.Date(d) : "")
            .AddIf(c.Responsibility is not null, lang.T("争议事项及责任", "Points in dispute"), MediationPrivacy.Text(c.Responsibility, c.Parties, mask))
            .AddIf(c.AgreementTerms is not null, c.AgreementForm == AgreementForm.Oral ? lang.T("口头协议内容", "Oral agreement") : lang.T("协议内容", "Agreed terms"), MediationPrivacy.Text(c.AgreementTerms, c.Parties, mask))
            .AddIf(c.PerformanceManner is not null, lang.T("履行方式", "Manner of performance"), c.PerformanceManner ?? "")
            .AddIf(c.PerformanceDeadline is not null, lang.T("履行期限", "Perform by"), c.PerformanceDeadline is { } p ? lang.Date(p) : "")
            .AddIf(c.AgreementAmount > 0, lang.T("协议金额(元)", "Amount agreed (yuan)"), MediationLabels.Amount(c.AgreementAmount))
            .AddIf(c.FollowUpDue is not null, lang.T("待回访", "Follow-up due"), c.FollowUpDue is { } f ? lang.Date(f) : "")
            .AddIf(c.CourtConfirmedOn is not null, lang.T("司法确认", "Court confirmation"), c.CourtConfirmedOn is { } j ? lang.Date(j) : "");
    }

    /// <summary>"2026年4月9日(已延长 1 次)" or "🔴 已超期:2026年4月9日".</summary>
    public static string TimeLimitText(Lang lang, MediationCase c, DateOnly? today)
    {
        var extended = c.Extensions.Count > 0 ? lang.T($"(已延长 {c.Extensions.Count} 次)", $" (extended {c.Extensions.Count}×)") : "";
        return today is { } t && c.IsOverdue(t)
            ? lang.T($"🔴 已超期:{lang.Date(c.TimeLimit)}", $"🔴 Overdue: {lang.Date(c.TimeLimit)}") + extended
            : lang.Date(c.TimeLimit) + extended;
    }

    /// <summary>A party in full ("张三(男,1980年生)13812345678,住东岭村3组") or masked ("张* 138****5678").</summary>
    public static string PartyLine(Lang lang, MediationParty p, bool mask)
    {
        if (mask) return MediationPrivacy.Party(p, mask: true);
        var about = new List<string>();
        if (p.Kind == PartyKind.Organisation)
        {
            about.Add(lang.T("单位", "organisation"));
            if (p.Representative is not null) about.Add(lang.T($"法定代表人/负责人 {p.Representative}", $"represented by {p.Representative}"));
        }
        if (p.Sex is { } sex) about.Add(lang.Of(sex));
        if (p.BirthYear is { } y) about.Add(lang.T($"{y}年生", $"born {y}"));
        var text = p.Name + (about.Count > 0 ? lang.T($"({string.Join(",", about)})", $" ({string.Join(", ", about)})") : "");
        if (!string.IsNullOrWhiteSpace(p.Phone)) text += " " + p.Phone;
        if (!string.IsNullOrWhiteSpace(p.Address)) text += lang.T($",住{p.Address}", $", {p.Address}");
        return text;
    }

    /// <summary>"王小明 登记于 2026年3月10日 09:00,最近更新 …": who created the case and when it last changed (the audit log has every change).</summary>
    public static string Recorded(Lang lang, MediationCase c, TimeZoneInfo? timeZone)
    {
        string At(DateTimeOffset t) => lang.DateTime(timeZone is null ? t : TimeZoneInfo.ConvertTime(t, timeZone));
        var text = lang.T($"{c.CreatedByName} 登记于 {At(c.CreatedUtc)}", $"Logged by {c.CreatedByName} on {At(c.CreatedUtc)}");
        return c.UpdatedUtc > c.CreatedUtc ? text + lang.T($",最近更新 {At(c.UpdatedUtc)}", $", last changed {At(c.UpdatedUtc)}") : text;
    }

    public static string FollowUpLine(Lang lang, MediationCase c, FollowUpVisit f, bool mask) =>
        $"{lang.Date(f.Date)} · {f.By} · {lang.Of(f.Performance)}" + (f.Satisfaction is { } s ? " · " + lang.Of(s) : "")
        + (string.IsNullOrWhiteSpace(f.RemainingRisk) ? "" : " · " + lang.T("遗留风险:", "risk: ") + MediationPrivacy.Text(f.RemainingRisk, c.Parties, mask))
        + (string.IsNullOrWhiteSpace(f.Note) ? "" : " · " + MediationPrivacy.Text(f.Note, c.Parties, mask));

    /// <summary>The case as text, for channels without cards.</summary>
    public static string DetailText(Lang lang, MediationCase c, bool mask, string? heading = null, TimeZoneInfo? timeZone = null, DateOnly? today = null)
    {
        var sb = new StringBuilder();
        if (heading is not null) sb.Append(heading).Append('\n');
        foreach (var f in Facts(lang, c, mask, today).Facts) sb.Append(f.Title).Append(": ").Append(f.Value).Append('\n');
        foreach (var f in c.FollowUps.OrderBy(f => f.Date)) sb.Append(lang.T("回访: ", "Follow-up: ")).Append(FollowUpLine(lang, c, f, mask)).Append('\n');
        sb.Append(Recorded(lang, c, timeZone)).Append('\n');
        sb.Append(lang.T($"回复“回访 {c.CaseNo}”添加回访,“调解结果 {c.CaseNo}”记录结果。", $"Reply \"follow up {c.CaseNo}\" to add a visit, \"outcome {c.CaseNo}\" to record the outcome."));
        return sb.ToString();
    }

    public static string ListLine(Lang lang, MediationCase c, bool mask, DateOnly? today = null) =>
        $"{c.CaseNo} · {lang.Date(c.ReceivedOn)} · {lang.Of(c.DisputeType)} · {c.Village} · {PartiesShort(lang, c, mask)} · {lang.Of(c.Status)}{Marks(lang, c, today)}";

    /// <summary>" · 🔴 超期" for an open case past its limit, " · 待回访 3月17日" for a settled case not yet visited.</summary>
    public static string Marks(Lang lang, MediationCase c, DateOnly? today)
    {
        if (today is { } t && c.IsOverdue(t)) return lang.T($" · 🔴 超期(期限 {lang.Date(c.TimeLimit)})", $" · 🔴 overdue (limit {lang.Date(c.TimeLimit)})");
        if (c.FollowUpDue is { } due) return lang.T($" · 待回访 {lang.Date(due)}", $" · follow-up due {lang.Date(due)}");
        return "";
    }

    /// <summary>The first two parties' names, "等" when there are more.</summary>
    private static string PartiesShort(Lang lang, MediationCase c, bool mask) =>
        MediationPrivacy.Names(c.Parties.Take(2), mask) + (c.Parties.Count > 2 ? lang.T("等", " et al.") : "");

    /// <summary>One page of a list; <paramref name="more"/> is the data of the "more" button (verb + filter + next page), or null.</summary>
    public static AdaptiveCard List(Lang lang, string title, IReadOnlyList<MediationCase> page, int total, bool mask, object? more, DateOnly? today = null)
    {
        var card = new AdaptiveCard().Add(TextBlock.Heading(title));
        if (page.Count == 0) card.Add(new TextBlock(lang.T("没有符合条件的案件。", "No cases match.")));
        foreach (var c in page)
            card.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock($"{c.CaseNo} · {lang.Of(c.DisputeType)} · {lang.Of(c.Status)}{Marks(lang, c, today)}") { Weight = "Bolder", Wrap = true },
                    TextBlock.Subtle($"{lang.Date(c.ReceivedOn)} · {c.Village} · {PartiesShort(lang, c, mask)}"),
                ],
                SelectAction = SubmitAction.For(lang.T("查看", "Open"), ShowVerb, new { caseNo = c.CaseNo }),
            });
        card.Add(TextBlock.Subtle(total == 0 ? lang.T("暂无案件。", "No cases.") : lang.T($"共 {total} 件,点击案件查看详情。", $"{total} case(s); select one to open it.")));
        if (more is not null) card.AddAction(SubmitAction.For(lang.T("更多", "More"), ListVerb, more));
        return card;
    }

    public static string ListText(Lang lang, string title, IReadOnlyList<MediationCase> page, int total, bool mask, bool hasMore, DateOnly? today = null)
    {
        var sb = new StringBuilder(title).Append('\n');
        if (page.Count == 0) sb.Append(lang.T("没有符合条件的案件。", "No cases match.")).Append('\n');
        foreach (var c in page) sb.Append(ListLine(lang, c, mask, today)).Append('\n');
        sb.Append(lang.T($"共 {total} 件。", $"{total} case(s)."));
        if (hasMore) sb.Append(lang.T("回复“更多”查看下一页。", " Reply \"more\" for the next page."));
        return sb.ToString();
    }
}
