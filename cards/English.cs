using System.Globalization;

namespace ChatBot.Cards;

/// <summary>English counts, so a reply never says "1 tasks" (Chinese needs no plural: "1 项", "2 项").</summary>
public static class English
{
    /// <summary>"1 task", "2 tasks", "0 tasks"; pass the plural when it is not the singular + "s" ("person", "people").</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural ?? singular + "s");
}
