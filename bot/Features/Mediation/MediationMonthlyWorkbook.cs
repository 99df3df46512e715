using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using static ChatBot.Bot.Features.Mediation.PrintableSheet;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 人民调解工作统计月报 as an .xlsx in the layout of the report form: one row per figure, columns 本月 / 上月 / 环比 /
/// 本年累计, real number cells (counts, yuan, percentages), A4 portrait. In Chinese, the language of the form it is sent up as.
/// </summary>
internal static class MediationMonthlyWorkbook
{
    public const string SheetName = "调解月报";
    /// <summary>The title and the subtitle come first: the header is the third row.</summary>
    public const int HeaderRow = 3;

    private static readonly Column[] Layout =
    [
        new("项目", 24), new("本月", 14, Kind.Figure), new("上月", 14, Kind.Figure), new("环比", 16, Kind.Change), new("本年累计", 16, Kind.Figure),
    ];

    public static readonly string[] Columns = Layout.Select(c => c.Header).ToArray();

    public static string FileName(MediationMonthlyReport r) => $"人民调解工作统计月报-{r.Year}-{r.Month:00}.xlsx";

    public static byte[] Build(MediationMonthlyReport r, string committee, DateOnly madeOn)
    {
        var sheet = new PrintableSheet(SheetName, $"{committee}{r.Year}年{r.Month}月人民调解工作统计",
            $"统计期间:{r.ThisMonth.From:yyyy-MM-dd} 至 {r.ThisMonth.To:yyyy-MM-dd}(受理按受理日期,调解成功按结案日期)    制表日期:{madeOn:yyyy-MM-dd}",
            Layout, landscape: false);
        foreach (var line in MediationMonthlyCard.Lines(Lang.Zh, r))
        {
            if (line.Heading) sheet.AddRow(new Heading(line.Label));
            // A rate's change is a text in percentage points; "—" when a month has no rate.
            else sheet.AddRow("  " + line.Label, line.ThisMonth ?? "—", line.PreviousMonth ?? "—", line.Change, line.YearToDate ?? "—");
        }
        return sheet.ToXlsx();
    }
}
