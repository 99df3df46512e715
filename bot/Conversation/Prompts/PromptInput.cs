using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Prompts;

internal static class PromptInput
{
    private static readonly string[] ValueKeys = ["text", "value", "choice", "answer"];

    /// <summary>
    /// The user's answer as text: the typed message, or from a card submission the field named text/value/choice,
    /// or the only string field besides the verb. This is how a card submission answers a prompt that waits for text.
    /// </summary>
    public static string? TextOf(TurnContext ctx)
    {
        if (!string.IsNullOrWhiteSpace(ctx.Text)) return ctx.Text;
        if (ctx.SubmitValue is not { } value) return null;
        foreach (var key in ValueKeys)
            if (value.TryGetProperty(key, out var p) && p.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                return p.ToString();
        var strings = value.EnumerateObject().Where(p => p.Name != "verb" && !FormCardIds.IsOwnKey(p.Name) && p.Value.ValueKind == JsonValueKind.String).ToList();
        return strings.Count == 1 ? strings[0].Value.GetString() : null;
    }

    public static bool IsSkip(string text) =>
        text.Trim().ToLowerInvariant() is "跳过" or "无" or "没有" or "略" or "skip" or "none" or "n/a" or "-";
}
