using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.Teams;

/// <summary>
/// Keeps outgoing messages within Teams' message size limit. Teams counts the whole activity payload encoded as UTF-16
/// (so a character costs 2 bytes) and answers 413 MessageSizeTooBig above it. The documented limit has grown
/// (28 KB, then 40 KB, now about 100 KB with 80 KB recommended); we keep to 28 KB so a card also fits older clients,
/// other Bot Framework channels and the WeCom conversion, and so list cards stay readable on a phone.
/// </summary>
internal static class MessageSize
{
    public const int DefaultLimitBytes = 28 * 1024;

    /// <summary>The activity's size as Teams counts it: its JSON serialisation in UTF-16.</summary>
    public static int Bytes(Activity activity) => JsonSerializer.Serialize(activity, BotJson.Options).Length * 2;

    public static bool Fits(Activity activity, int limitBytes = DefaultLimitBytes) => Bytes(activity) <= limitBytes;

    /// <summary>Splits a list into pages of at most <paramref name="pageSize"/> items (an empty list gives one empty page,
    /// so a list command can still say "nothing found").</summary>
    public static IReadOnlyList<Page<T>> Paginate<T>(IEnumerable<T> items, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var all = items.ToList();
        var count = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        return Enumerable.Range(0, count)
            .Select(i => new Page<T>(i + 1, count, all.Count, all.Skip(i * pageSize).Take(pageSize).ToList()))
            .ToList();
    }

    /// <summary>Page <paramref name="number"/> (1-based, clamped to the last page) of the list.</summary>
    public static Page<T> PageOf<T>(IEnumerable<T> items, int pageSize, int number)
    {
        var pages = Paginate(items, pageSize);
        return pages[Math.Clamp(number, 1, pages.Count) - 1];
    }

    /// <summary>
    /// How many of the first items fit one message when rendered by <paramref name="render"/> (at most
    /// <paramref name="maxCount"/>; at least 1 when there is an item, so a list always moves on).
    /// </summary>
    public static int CountThatFits<T>(IReadOnlyList<T> items, int maxCount, Func<IReadOnlyList<T>, Activity> render, int limitBytes = DefaultLimitBytes)
    {
        var high = Math.Min(maxCount, items.Count);
        if (high <= 1) return high;
        if (Fits(render(Take(items, high)), limitBytes)) return high;
        var low = 1; // binary search for the largest count that fits
        while (high - low > 1)
        {
            var mid = (low + high) / 2;
            if (Fits(render(Take(items, mid)), limitBytes)) low = mid; else high = mid;
        }
        return low;
    }

    private static IReadOnlyList<T> Take<T>(IReadOnlyList<T> items, int count) => items.Take(count).ToList();
}
