using System.Globalization;
using MiniExcelLibs;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>The first worksheet of an .xlsx as rows of text (dates as yyyy-MM-dd), the first row being the header.</summary>
internal static class ExcelPlanReader
{
    public static List<List<string>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var rows = new List<List<string>>();
        foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            rows.Add(row.Values.Select(Text).ToList());
        return rows.Where(r => r.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
    }

    private static string Text(object? v) => v switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double n when n == Math.Floor(n) => n.ToString("0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };
}
