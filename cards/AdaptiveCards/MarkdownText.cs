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

    /// <summary>
    /// The text with every "&lt;" that could open a tag, a comment or an autolink made plain, and without control and
    /// bidirectional-override characters (typed or pasted by a user, they are dropped or garble the line in renderers,
    /// and a right-to-left override can disguise what a card says); idempotent.
    /// </summary>
    public static string Protect(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (text.AsSpan().IndexOfAny(Unshown) >= 0) text = string.Concat(text.Where(c => !Unshown.Contains(c)));
        return text.Contains('<') ? TagStart().Replace(text, "<" + WordJoiner) : text;
    }

    // C0 controls but tab and line breaks, DEL and C1 controls, and the bidirectional embeddings, overrides and isolates.
    private static readonly System.Buffers.SearchValues<char> Unshown = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0x7F, 0x21).Select(c => (char)c))
        + "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    // Teams mention markup (<at>name</at>) is left alone: Teams replaces it with the mention.
    [GeneratedRegex(@"<(?!/?at>)(?=[A-Za-z/!?])")]
    private static partial Regex TagStart();
}
