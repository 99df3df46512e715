using ChatBot.Cards.Help;

namespace ChatBot.Bot.Conversation;

internal sealed record CommandArgs(string Text, System.Text.Json.JsonElement? Data)
{
    public static readonly CommandArgs None = new("", null);

    /// <summary>A string field of the card data, or null.</summary>
    public string? Field(string name) =>
        Data is { ValueKind: System.Text.Json.JsonValueKind.Object } d && d.TryGetProperty(name, out var v) && v.ValueKind != System.Text.Json.JsonValueKind.Null
            ? (v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : v.GetRawText())
            : null;

    /// <summary>The typed argument, or else the card field of that name.</summary>
    public string? TextOr(string field) => Text.Length > 0 ? Text : Field(field);

    /// <summary>
    /// True when the command word stands apart in the message: it is the whole message, or a space, a number that
    /// ends there, or only punctuation follows it ("办结 7 …", "办结7", "帮助!"), not "回访当事人" or "回访3次". Only a
    /// command word that stands apart interrupts a waiting prompt (see docs/conversation-rules.md).
    /// </summary>
    public bool WordStandsApart { get; init; } = true;

    /// <summary>The command word the message began with (as the router normalised it); null for a card click.</summary>
    public string? CommandWord { get; init; }
}
