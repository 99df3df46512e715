using System.Text.Json;

namespace ChatBot.Bot.Conversation;

/// <summary>Finds the command a message or a card click asks for.</summary>
internal sealed class CommandRouter
{
    private readonly List<(string Alias, IBotCommand Command)> _aliases;
    private readonly Dictionary<string, IBotCommand> _verbs = new(StringComparer.OrdinalIgnoreCase);

    public CommandRouter(IEnumerable<IBotCommand> commands)
    {
        Commands = commands.ToList();
        _aliases = Commands.SelectMany(c => c.Aliases.Select(a => (Normalize(a), c)))
            .OrderByDescending(p => p.Item1.Length).ToList();
        foreach (var c in Commands)
            foreach (var v in c.Verbs)
                if (!_verbs.TryAdd(v, c)) throw new InvalidOperationException($"Two commands share the verb '{v}'.");
    }

    public IReadOnlyList<IBotCommand> Commands { get; }

    /// <summary>Lower-case, half-width, single spaces, no leading slash: "/Log  Mediation" → "log mediation".</summary>
    public static string Normalize(string text) => Collapse(text).ToLowerInvariant();

    private static string Collapse(string text)
    {
        var s = Prompts.Recognizers.ToHalfWidth(text).Trim().TrimStart('/');
        return string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public (IBotCommand Command, CommandArgs Args)? Match(string text, JsonElement? submitValue)
    {
        if (submitValue is { } value && value.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String
            && _verbs.TryGetValue(verb.GetString()!, out var byVerb))
            return (byVerb, new CommandArgs("", value));

        var collapsed = Collapse(text);
        var normalized = collapsed.ToLowerInvariant();
        if (normalized.Length == 0) return null;
        foreach (var (alias, command) in _aliases)
        {
            if (!normalized.StartsWith(alias, StringComparison.Ordinal)) continue;
            var rest = normalized[alias.Length..];
            // English aliases end at a word boundary ("mediations" is not "mediation" + "s"); Chinese ones need none.
            if (rest.Length > 0 && IsAsciiLetter(alias[^1]) && IsAsciiLetter(rest[0])) continue;
            // Arguments keep their case (names, departments); lower-casing does not change lengths here.
            var args = collapsed.Length == normalized.Length ? collapsed[alias.Length..].Trim() : rest.Trim();
            return (command, new CommandArgs(args, null) { WordStandsApart = StandsApart(rest), CommandWord = alias });
        }
        return null;
    }

    /// <summary>What follows a command word lets it stand apart: nothing, a space, a number that ends there, or punctuation only.</summary>
    private static bool StandsApart(string rest)
    {
        if (rest.Length == 0 || rest[0] == ' ') return true;
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit(rest[digits])) digits++;
        if (digits > 0) return digits == rest.Length || rest[digits] == ' ';
        return rest.All(c => char.IsPunctuation(c) || char.IsSymbol(c));
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
