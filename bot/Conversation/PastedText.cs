namespace ChatBot.Bot.Conversation;

/// <summary>
/// A pasted text (a plan, minutes, a table) as the user sent it: the bot's @mention removed but line breaks and
/// full-width punctuation kept. <see cref="MentionText.StripBotMention"/> folds line breaks, which a table needs.
/// </summary>
internal static class PastedText
{
    /// <summary>The message text with the bot's @mention removed, line breaks kept.</summary>
    public static string Of(TurnContext ctx)
    {
        var text = (ctx.Activity.Text ?? "").Replace("&nbsp;", " ").Replace('\u00A0', ' ');
        foreach (var e in ctx.Activity.Entities ?? [])
            if (string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id == ctx.Activity.Recipient?.Id && !string.IsNullOrEmpty(e.Text))
                text = text.Replace(e.Text, " ", StringComparison.Ordinal);
        return text.Trim();
    }

    /// <summary>The text after the command word, if it starts with one of <paramref name="aliases"/>; else all of it.</summary>
    public static string AfterCommand(string text, IEnumerable<string> aliases)
    {
        var t = text.Trim();
        foreach (var alias in aliases)
            if (t.StartsWith(alias, StringComparison.OrdinalIgnoreCase)) return t[alias.Length..].Trim();
        return t;
    }
}
