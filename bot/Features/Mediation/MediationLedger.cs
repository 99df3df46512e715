using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using MiniExcelLibs;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>人民调解案件登记台账: one row per case, Chinese column headers, as an .xlsx file.</summary>
internal static class MediationLedger
{
    public const string SheetName = "人民调解案件登记台账";
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly string[] Columns =
    [
        "案号", "受理日期", "来源", "纠纷类型", "村(社区)", "当事人", "联系电话", "涉及人数", "涉及金额(元)", "简要情况",
        "调解员", "调解状态", "协议形式", "回访次数", "最近回访", "重大疑难", "群体性",
    ];

    /// <summary>The rows in case-number order; the ledger is for a personal chat only, so nothing is masked.</summary>
    public static List<Dictionary<string, object?>> Rows(IEnumerable<MediationCase> cases)
    {
        var zh = Lang.Zh;
        return cases.OrderBy(c => c.Year).ThenBy(c => c.Seq).Select(c =>
        {
            var last = c.FollowUps.OrderBy(f => f.Date).LastOrDefault();
            return new Dictionary<string, object?>
            {
                ["案号"] = c.CaseNo,
                ["受理日期"] = c.ReceivedOn.ToString("yyyy-MM-dd"),
                ["来源"] = zh.Of(c.Source),
                ["纠纷类型"] = zh.Of(c.DisputeType),
                ["村(社区)"] = c.Village,
                ["当事人"] = string.Join("、", c.Parties.Select(p => p.Name)),
                ["联系电话"] = string.Join("、", c.Parties.Where(p => !string.IsNullOrEmpty(p.Phone)).Select(p => $"{p.Name}:{p.Phone}")),
                ["涉及人数"] = c.PeopleInvolved,
                ["涉及金额(元)"] = c.AmountInvolved,
                ["简要情况"] = c.Summary,
                ["调解员"] = string.Join("、", c.Mediators),
                ["调解状态"] = zh.Of(c.Status),
                ["协议形式"] = c.AgreementForm is { } f ? zh.Of(f) : "",
                ["回访次数"] = c.FollowUps.Count,
                ["最近回访"] = last is null ? "" : $"{last.Date:yyyy-MM-dd} {zh.Of(last.Performance)}",
                ["重大疑难"] = c.Major ? "是" : "否",
                ["群体性"] = c.Collective ? "是" : "否",
            };
        }).ToList();
    }

    public static byte[] Build(IEnumerable<MediationCase> cases)
    {
        var rows = Rows(cases);
        using var stream = new MemoryStream();
        if (rows.Count == 0)
            // MiniExcel needs a row to know the columns: write the header alone.
            MiniExcel.SaveAs(stream, new[] { Columns.ToDictionary(c => c, object? (c) => null) }, sheetName: SheetName, excelType: ExcelType.XLSX);
        else
            MiniExcel.SaveAs(stream, rows, sheetName: SheetName, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
