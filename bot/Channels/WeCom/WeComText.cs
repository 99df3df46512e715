using System.Globalization;
using System.Text;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>Text helpers for WeCom's byte-counted (UTF-8) content limits.</summary>
internal static class WeComText
{
    public const string Ellipsis = "…";

    /// <summary>Group robot and app text content limit.</summary>
    public const int TextMaxBytes = 2048;

    /// <summary>Group robot markdown limit.</summary>
    public const int WebhookMarkdownMaxBytes = 4096;

    /// <summary>App message markdown limit.</summary>
    public const int AppMarkdownMaxBytes = 2048;

    /// <summary>Smart robot stream and response_url markdown limit.</summary>
    public const int RobotStreamMaxBytes = 20480;

    /// <summary>
    /// Returns <paramref name="text"/> unchanged when it fits in <paramref name="maxBytes"/> of UTF-8, otherwise cuts it
    /// between whole characters (grapheme clusters, so no half emoji) and ends it with "…", all within the limit,
    /// instead of letting WeCom reject or cut the message mid-character.
    /// </summary>
    public static string TruncateUtf8(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ellipsisBytes = Encoding.UTF8.GetByteCount(Ellipsis);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, ellipsisBytes);

        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var budget = maxBytes - ellipsisBytes;
        var used = 0;
        var end = 0;
        while (end < text.Length)
        {
            var elementLength = StringInfo.GetNextTextElementLength(text.AsSpan(end));
            var elementBytes = Encoding.UTF8.GetByteCount(text.AsSpan(end, elementLength));
            if (used + elementBytes > budget)
            {
                break;
            }

            used += elementBytes;
            end += elementLength;
        }

        return string.Concat(text.AsSpan(0, end).TrimEnd(), Ellipsis);
    }

    /// <summary>UTF-8 byte count, the unit of WeCom's limits.</summary>
    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);
}
