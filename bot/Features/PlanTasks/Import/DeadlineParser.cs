using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>
/// Deadlines as plans write them: "2026-06-30", "2026/6/30", "2026年6月30日", "6月底(前)", "2026年6月底" (end of that
/// month), "第三季度"/"三季度"/"Q3" (quarter end), "上半年" (06-30), "下半年"/"年底"/"年末"/"全年"/"长期" (12-31).
/// A month or date without a year takes the plan's year.
/// </summary>
internal static partial class DeadlineParser
{
    public static DateOnly? Parse(string? text, int planYear)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = Recognizers.ToHalfWidth(text).Trim().Replace(" ", "");
        if (DateTime.TryParseExact(s, ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss", "yyyy-MM-ddTHH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
            return DateOnly.FromDateTime(exact);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var oa) && oa is > 30000 and < 80000)
            return DateOnly.FromDateTime(DateTime.FromOADate(oa)); // an Excel date serial

        var m = FullDate().Match(s);
        if (m.Success && TryDate(Year(m.Groups["y"], planYear), Int(m.Groups["m"]), Int(m.Groups["d"]), out var full)) return full;

        m = MonthEnd().Match(s);
        if (m.Success && Int(m.Groups["m"]) is >= 1 and <= 12)
        {
            var y = Year(m.Groups["y"], planYear);
            var mo = Int(m.Groups["m"]);
            if (m.Groups["half"].Value is "上旬") return new DateOnly(y, mo, 10);
            if (m.Groups["half"].Value is "中旬") return new DateOnly(y, mo, 20);
            return new DateOnly(y, mo, DateTime.DaysInMonth(y, mo));
        }

        m = Quarter().Match(s);
        if (m.Success)
        {
            var q = m.Groups["q"].Value switch { "一" or "1" => 1, "二" or "2" => 2, "三" or "3" => 3, "四" or "4" => 4, _ => 0 };
            if (q > 0)
            {
                var y = Year(m.Groups["y"], planYear);
                return new DateOnly(y, q * 3, DateTime.DaysInMonth(y, q * 3));
            }
        }
        var yearOf = YearOnly().Match(s) is { Success: true } ym ? int.Parse(ym.Groups["y"].Value) : planYear;
        if (s.Contains("上半年")) return new DateOnly(yearOf, 6, 30);
        if (s.Contains("下半年") || s.Contains("年底") || s.Contains("年末") || s.Contains("全年") || s.Contains("长期") || s.Contains("持续")
            || s.Contains("年内") || s.Contains("end of year", StringComparison.OrdinalIgnoreCase))
            return new DateOnly(yearOf, 12, 31);
        return null;
    }

    private static int Int(Group g) => Recognizers.TryParseChineseInteger(g.Value, out var n) ? n : int.Parse(g.Value, CultureInfo.InvariantCulture);
    private static int Year(Group g, int planYear) => g.Success && g.Value.Length == 4 ? int.Parse(g.Value, CultureInfo.InvariantCulture) : planYear;

    private static bool TryDate(int y, int mo, int d, out DateOnly date)
    {
        date = default;
        if (y is < 2000 or > 2100 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return false;
        date = new DateOnly(y, mo, d);
        return true;
    }

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?(?<m>\d{1,2}|[一二三四五六七八九十]{1,3})月(?<d>\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?(?<m>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:份)?(?<half>底|末|上旬|中旬|下旬|前|内|中|)")]
    private static partial Regex MonthEnd();

    [GeneratedRegex(@"(?:(?<y>\d{4})年)?(?:第)?(?<q>[一二三四1-4])季度|Q(?<q>[1-4])", RegexOptions.IgnoreCase)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(?<y>\d{4})年")]
    private static partial Regex YearOnly();
}
