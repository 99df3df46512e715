using System.Text.RegularExpressions;

namespace ChatBot.Cards.AdaptiveCards;

/// <summary>
/// Card text is markdown in every renderer, and Web Chat's markdown passes HTML through its sanitiser: "&lt;date&gt;" in
/// "study attendance &lt;no.&gt; &lt;date&gt;" is taken for a tag and disappears. An invisible word joiner after the "&lt;"
/// keeps it text in every renderer (a backslash escape or an entity shows literally in some of them).
/// </summary>
internal static partial class MarkdownText
{
    public const char WordJoiner = '\u2060';

    /// <summary>The text with every "&lt;" that could open a tag, a comment or an autolink made plain; idempotent.</summary>
    public static string Protect(string? text) =>
        string.IsNullOrEmpty(text) || !text.Contains('<') ? text ?? "" : TagStart().Replace(text, "<" + WordJoiner);

    // Teams mention markup (<at>name</at>) is left alone: Teams replaces it with the mention.
    [GeneratedRegex(@"<(?!/?at>)(?=[A-Za-z/!?])")]
    private static partial Regex TagStart();
}
