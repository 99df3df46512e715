using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Conversation;

/// <summary>
/// Every form card (a card with inputs) carries a card id in the data of its submit and cancel buttons, so the turn
/// that handles a submit knows which card was clicked, on every channel: Web Chat sends no replyToId with a card's
/// submit. The engine closes the card when the submit was handled (a receipt, or 已取消) and answers a later click on
/// it with 这张卡片已处理. A button that posts no inputs (associatedInputs none) and is not a cancel is a plain button,
/// such as the welcome card's 登记调解 next to its name field: it stays live and carries no id.
/// </summary>
internal static class FormCardIds
{
    public const string IdKey = "cardId";
    /// <summary>The card's heading, carried along so a closed version can name what was cancelled.</summary>
    public const string TitleKey = "cardTitle";
    private const int MaxTitle = 40;

    public static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(9)).ToLowerInvariant();

    /// <summary>The card id a submit carries, or null.</summary>
    public static string? IdOf(JsonElement? submit) => Read(submit, IdKey);

    public static string? TitleOf(JsonElement? submit) => Read(submit, TitleKey);

    /// <summary>Whether a submitted key is one of ours rather than one of the card's inputs.</summary>
    public static bool IsOwnKey(string key) => key is IdKey or TitleKey;

    private static string? Read(JsonElement? submit, string key) =>
        submit is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty(key, out var p) && p.ValueKind == JsonValueKind.String
            && p.GetString() is { Length: > 0 and <= 64 } s ? s : null;

    /// <summary>
    /// Gives every form card of the activity a card id (<paramref name="id"/> for the first one, new ones after it);
    /// cards already stamped keep theirs. Returns the ids the activity carries.
    /// </summary>
    public static IReadOnlyList<string> Stamp(Activity activity, string? id)
    {
        var ids = new List<string>();
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentType != Attachment.AdaptiveCardContentType || attachment.Content is not JsonObject card) continue;
            if (!HasInputs(card)) continue;
            var submits = Submits(card).Where(IsFormButton).ToList();
            if (submits.Count == 0) continue;
            var existing = submits.Select(s => s["data"]?[IdKey]?.GetValue<string>()).FirstOrDefault(s => s is not null);
            var cardId = existing ?? id ?? NewId();
            id = null;
            var title = Title(card);
            foreach (var submit in submits)
            {
                var data = submit["data"] as JsonObject ?? new JsonObject();
                data[IdKey] = cardId;
                if (title is not null) data[TitleKey] = title;
                submit["data"] = data;
            }
            ids.Add(cardId);
        }
        return ids;
    }

    /// <summary>The card ids an activity carries (e.g. to find the message that shows a card).</summary>
    public static IEnumerable<string> In(Activity activity) =>
        (activity.Attachments ?? [])
            .Select(a => a.Content is JsonObject card ? card : null).OfType<JsonObject>()
            .SelectMany(Submits)
            .Select(s => s["data"]?[IdKey] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null)
            .OfType<string>().Distinct();

    private static bool IsFormButton(JsonObject submit)
    {
        if (submit["associatedInputs"]?.GetValue<string>() is not "none") return true;
        return submit["data"]?["verb"] is JsonValue v && v.TryGetValue<string>(out var verb) && verb == "cancel";
    }

    private static bool HasInputs(JsonNode? node) => node switch
    {
        JsonObject o => (o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type.StartsWith("Input.", StringComparison.Ordinal))
            || o.Any(p => p.Key != "actions" && HasInputs(p.Value)),
        JsonArray a => a.Any(HasInputs),
        _ => false,
    };

    /// <summary>The Action.Submit objects of the card (top-level actions and action sets, not inside show-cards).</summary>
    private static IEnumerable<JsonObject> Submits(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var type = o["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
                if (type == "Action.Submit") { yield return o; yield break; }
                if (type == "Action.ShowCard") yield break;
                foreach (var (_, value) in o)
                    foreach (var s in Submits(value)) yield return s;
                break;
            case JsonArray a:
                foreach (var item in a)
                    foreach (var s in Submits(item)) yield return s;
                break;
        }
    }

    private static string? Title(JsonObject card)
    {
        var first = card["body"] is JsonArray body
            ? body.OfType<JsonObject>().FirstOrDefault(e => e["type"]?.GetValue<string>() == "TextBlock")?["text"]?.GetValue<string>()
            : null;
        if (string.IsNullOrWhiteSpace(first)) return null;
        first = first.Replace("\u2060", "").Trim(); // the word joiner card text keeps after "<"
        return first.Length <= MaxTitle ? first : first[..MaxTitle] + "…";
    }
}
