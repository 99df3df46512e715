using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>Recognisers for how township staff write numbers and dates in Chinese and English.</summary>
internal static partial class Recognizers
{
    /// <summary>Full-width digits and punctuation (from Chinese IMEs) to ASCII.</summary>
    public static string ToHalfWidth(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            sb.Append(c switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '。' => '.',
                _ => c,
            });
        return sb.ToString();
    }

    /// <summary>"12", "1,200", "1.5万", "十二", "三百五十", "两千" → number.</summary>
    public static bool TryParseNumber(string input, out double value)
    {
        value = 0;
        var s = ToHalfWidth(input).Trim().Replace(",", "").Replace("，", "");
        foreach (var unit in new[] { "元", "人", "起", "件", "个", "名", "户", "次", "%", "yuan", "people" })
            if (s.EndsWith(unit, StringComparison.OrdinalIgnoreCase)) s = s[..^unit.Length].Trim();
        double multiplier = 1;
        if (s.EndsWith('万')) { multiplier = 10_000; s = s[..^1]; }
        else if (s.EndsWith('亿')) { multiplier = 100_000_000; s = s[..^1]; }
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            value = d * multiplier;
            return true;
        }
        if (TryParseChineseInteger(s, out var n)) { value = n * multiplier; return true; }
        return false;
    }

    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['壹'] = 1, ['二'] = 2, ['两'] = 2, ['贰'] = 2, ['三'] = 3, ['叁'] = 3, ['四'] = 4, ['肆'] = 4,
        ['五'] = 5, ['伍'] = 5, ['六'] = 6, ['陆'] = 6, ['七'] = 7, ['柒'] = 7, ['八'] = 8, ['捌'] = 8, ['九'] = 9, ['玖'] = 9,
    };
    private static readonly Dictionary<char, int> Units = new() { ['十'] = 10, ['拾'] = 10, ['百'] = 100, ['佰'] = 100, ['千'] = 1000, ['仟'] = 1000 };

    /// <summary>Chinese integers below 10,000 ("十二", "一百零五", "两千三").</summary>
    public static bool TryParseChineseInteger(string s, out int value)
    {
        value = 0;
        if (s.Length == 0) return false;
        int total = 0, digit = -1;
        foreach (var c in s)
        {
            if (Digits.TryGetValue(c, out var d)) { digit = d; }
            else if (Units.TryGetValue(c, out var u)) { total += (digit < 0 ? 1 : digit) * u; digit = -1; }
            else return false;
        }
        if (digit > 0) total += digit;
        value = total;
        return true;
    }

    /// <summary>
    /// "2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "3月5日", "3-5", "今天", "昨天", "前天", "明天",
    /// "today", "yesterday", "tomorrow", "20260305" → a date (relative to today in the workspace's zone).
    /// </summary>
    public static bool TryParseDate(string input, DateOnly today, out DateOnly date)
    {
        date = default;
        var s = ToHalfWidth(input).Trim().ToLowerInvariant().TrimEnd('号', '日', '.');
        switch (s)
        {
            case "今天" or "今日" or "today": date = today; return true;
            case "昨天" or "昨日" or "yesterday": date = today.AddDays(-1); return true;
            case "前天": date = today.AddDays(-2); return true;
            case "明天" or "tomorrow": date = today.AddDays(1); return true;
            case "后天": date = today.AddDays(2); return true;
        }
        var m = FullDate().Match(s);
        if (m.Success) return TryDate(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), out date);
        m = Compact().Match(s);
        if (m.Success) return TryDate(int.Parse(s[..4]), int.Parse(s[4..6]), int.Parse(s[6..8]), out date);
        m = MonthDay().Match(s);
        if (m.Success) return TryDate(today.Year, int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), out date);
        return false;
    }

    private static bool TryDate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y is < 1900 or > 2200 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>"15:00", "15点", "下午3点", "9:30", "3pm" → time of day.</summary>
    public static bool TryParseTime(string input, out TimeOnly time)
    {
        time = default;
        var s = ToHalfWidth(input).Trim().ToLowerInvariant().Replace("：", ":");
        var pm = s.StartsWith("下午") || s.StartsWith("晚上") || s.EndsWith("pm");
        var am = s.StartsWith("上午") || s.StartsWith("早上") || s.EndsWith("am");
        s = s.Replace("下午", "").Replace("晚上", "").Replace("上午", "").Replace("早上", "").Replace("中午", "").Replace("pm", "").Replace("am", "").Trim();
        var m = TimeOfDay().Match(s);
        if (!m.Success) return false;
        var h = int.Parse(m.Groups[1].Value);
        var min = m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? int.Parse(m.Groups[2].Value) : m.Groups[3].Success ? 30 : 0;
        if (pm && h < 12) h += 12;
        if (am && h == 12) h = 0;
        if (h is < 0 or > 23 || min is < 0 or > 59) return false;
        time = new TimeOnly(h, min);
        return true;
    }

    [GeneratedRegex(@"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})$")]
    private static partial Regex FullDate();
    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex Compact();
    [GeneratedRegex(@"^(\d{1,2})\s*[-/月]\s*(\d{1,2})$")]
    private static partial Regex MonthDay();
    [GeneratedRegex(@"^(\d{1,2})(?:[:点時时](\d{0,2})(半)?分?)?$")]
    private static partial Regex TimeOfDay();
}
