namespace ChatBot.Bot.Conversation;

/// <summary>
/// The commands a mistyped message was probably meant to be ("调节登记" → 调解登记, "逾期任物" → 逾期任务, "helo" → help):
/// a command word within one typing slip (two for English words of eight letters or more) of the message's start.
/// Short words (two Chinese characters, three letters) are never guessed at: too many messages are one slip from them.
/// </summary>
internal sealed class NearMissSuggester(CommandRouter router)
{
    private const int MaxSuggestions = 3;

    /// <summary>A suggested command: its word, and the whole message with the slip corrected.</summary>
    public sealed record Suggestion(string Alias, string Corrected);

    /// <param name="longerThan">Only command words longer than this one (the message matched it, but a longer word fits better).</param>
    public IReadOnlyList<Suggestion> Suggest(string text, string? longerThan = null)
    {
        var message = CommandRouter.Normalize(text);
        var found = new List<(Suggestion Suggestion, int Distance, int Stretch, IBotCommand Command)>();
        foreach (var command in router.Commands)
            foreach (var alias in command.Aliases)
            {
                var word = CommandRouter.Normalize(alias);
                var ascii = word.All(c => c < 0x80);
                if (word.Length < (ascii ? 4 : 3) || (longerThan is not null && word.Length <= CommandRouter.Normalize(longerThan).Length)) continue;
                var allowed = ascii && word.Length >= 8 ? 2 : 1;
                for (var length = Math.Max(1, word.Length - allowed); length <= Math.Min(message.Length, word.Length + allowed); length++)
                {
                    // An English word ends where the message's word ends ("helo there", not "helotry").
                    if (ascii && length < message.Length && char.IsAsciiLetter(message[length])) continue;
                    var distance = Distance(message[..length], word);
                    if (distance == 0 || distance > allowed) continue;
                    var rest = message[length..].Trim();
                    found.Add((new Suggestion(alias, rest.Length > 0 ? $"{alias} {rest}" : alias), distance, Math.Abs(length - word.Length), command));
                }
            }
        return found.OrderBy(f => f.Distance).ThenBy(f => f.Stretch).ThenByDescending(f => f.Suggestion.Alias.Length)
            .DistinctBy(f => f.Command).Take(MaxSuggestions).Select(f => f.Suggestion).ToList();
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), with a swap of two neighbours counted as one.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
