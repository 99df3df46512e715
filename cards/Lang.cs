namespace ChatBot.Cards;

/// <summary>
/// The user's language for one turn. Every text the bot shows is written as a zh-CN / en-US pair at the place it is
/// used (<c>lang.T("已取消。", "Cancelled.")</c>), so no string can exist in one language only.
/// </summary>
public readonly record struct Lang(bool IsZh)
{
    public static readonly Lang Zh = new(true);
    public static readonly Lang En = new(false);

    public string T(string zh, string en) => IsZh ? zh : en;

    public string Locale => IsZh ? "zh-CN" : "en-US";

    /// <summary>zh-CN unless the locale is clearly another language: Chinese is the users' primary language.</summary>
    public static Lang FromLocale(string? locale) =>
        !string.IsNullOrEmpty(locale) && !locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
            && locale.Length >= 2 && char.IsLetter(locale[0]) ? En : Zh;

    /// <summary>Formats a date the way each language writes it.</summary>
    public string Date(DateOnly d) => IsZh ? $"{d.Year}年{d.Month}月{d.Day}日" : d.ToString("yyyy-MM-dd");

    public string DateTime(DateTimeOffset t) => IsZh ? $"{t.Year}年{t.Month}月{t.Day}日 {t:HH:mm}" : t.ToString("yyyy-MM-dd HH:mm");
}
