using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using static ChatBot.Bot.Features.Mediation.PrintableSheet;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 人民调解案件登记台账: one row per case, as the clerk prints it (A4 landscape, header on every page, real dates and
/// amounts). For a personal chat only, so nothing is masked.
/// </summary>
internal static class MediationLedger
{
    public const string SheetName = "人民调解案件登记台账";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /// <summary>The title and the subtitle come first: the header is the third row.</summary>
    public const int HeaderRow = 3;

    // Narrow columns hold two CJK characters a line, so their headers wrap as 涉及/人数; the page is fitted to width.
    private static readonly Column[] Layout =
    [
        new("案号", 9), new("受理日期", 10.5, Kind.Date), new("来源", 10.5), new("纠纷类型", 9), new("村(社区)", 9),
        new("当事人", 11), new("联系电话", 17), new("涉及人数", 5, Kind.Integer), new("涉及金额(元)", 10, Kind.Money),
        new("简要情况", 28), new("调解员", 10), new("调解状态", 9), new("办结日期", 10.5, Kind.Date), new("协议形式", 5),
        new("结果说明", 22), new("回访次数", 5, Kind.Integer), new("最近回访", 11), new("重大疑难", 5), new("群体性", 6.4),
    ];

    public static readonly string[] Columns = Layout.Select(c => c.Header).ToArray();

    /// <param name="closedOn">The date a closed case was closed (from its history), or null while it is open.</param>
    /// <param name="scope">"2026年" or "全部年份", for the title.</param>
    public static byte[] Build(IEnumerable<MediationCase> cases, Func<MediationCase, DateOnly?> closedOn, string scope, DateOnly exportedOn)
    {
        var zh = Lang.Zh;
        var list = cases.OrderBy(c => c.Year).ThenBy(c => c.Seq).ToList();
        var sheet = new PrintableSheet(SheetName, $"人民调解案件登记台账({scope})",
            $"共 {list.Count} 件    导出日期:{exportedOn:yyyy-MM-dd}", Layout);
        foreach (var c in list)
        {
            var last = c.FollowUps.OrderBy(f => f.Date).LastOrDefault();
            sheet.AddRow(
                c.CaseNo,
                c.ReceivedOn,
                zh.Of(c.Source),
                zh.Of(c.DisputeType),
                c.Village,
                string.Join("、", c.Parties.Select(p => p.Name)),
                string.Join("\n", c.Parties.Where(p => !string.IsNullOrEmpty(p.Phone)).Select(p => $"{p.Name}:{p.Phone}")),
                c.PeopleInvolved,
                // The form stores a blank amount as 0; a ledger shows no amount rather than 0.00.
                c.AmountInvolved > 0 ? c.AmountInvolved : (decimal?)null,
                c.Summary,
                string.Join("、", c.Mediators),
                zh.Of(c.Status),
                c.IsOpen ? null : closedOn(c),
                c.AgreementForm is { } f ? zh.Of(f) : null,
                c.OutcomeNote,
                c.FollowUps.Count,
                last is null ? null : $"{last.Date:yyyy-MM-dd} {zh.Of(last.Performance)}",
                c.Major ? "是" : "否",
                c.Collective ? "是" : "否");
        }
        return sheet.ToXlsx();
    }

    /// <summary>When a closed case was closed: its last outcome change, or its registration if it was registered closed.</summary>
    public static DateOnly? ClosedOn(MediationStore store, MediationCase c, TimeZoneInfo zone)
    {
        if (c.IsOpen) return null;
        var at = store.History(c).LastOrDefault(a => a.Action == "outcome")?.AtUtc ?? c.CreatedUtc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
    }
}
