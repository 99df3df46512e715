using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.Teams;

/// <summary>
/// @mentions inside an Adaptive Card (Teams): the TextBlock shows "&lt;at&gt;name&lt;/at&gt;" and the card's
/// msteams.entities holds a mention entity with exactly that text and the person's Teams user id. Other channels show
/// the plain "@name" form: build with <c>teamsMarkup: false</c> there.
/// </summary>
public static class CardMentions
{
    /// <summary>The mention text of one person: "&lt;at&gt;name&lt;/at&gt;" for Teams, "@name" elsewhere.</summary>
    public static string Tag(string name, bool teamsMarkup = true) =>
        teamsMarkup ? $"<at>{WebUtility.HtmlEncode(name.Trim())}</at>" : "@" + name.Trim();

    /// <summary>
    /// A TextBlock "{prefix}&lt;at&gt;A&lt;/at&gt; &lt;at&gt;B&lt;/at&gt;{suffix}" and, for Teams, the people's mention
    /// entities added to the card's msteams.entities (kept alongside other msteams settings such as width).
    /// </summary>
    public static TextBlock AddMentionLine(this AdaptiveCard card, IEnumerable<(string userId, string name)> people,
        string prefix = "", string suffix = "", bool teamsMarkup = true)
    {
        var tags = new List<string>();
        foreach (var (userId, name) in Distinct(people))
        {
            tags.Add(Tag(name, teamsMarkup));
            if (teamsMarkup) AddEntity(card, userId, name);
        }
        var block = new TextBlock(prefix + string.Join(" ", tags) + suffix);
        card.Body.Add(block);
        return block;
    }

    /// <summary>The mention entities on the card (msteams.entities), for tests and for checks before sending.</summary>
    public static IReadOnlyList<(string Id, string Name, string Text)> Mentions(AdaptiveCard card) =>
        card.Msteams?["entities"] is JsonArray entities
            ? entities.OfType<JsonObject>()
                .Select(e => ((string?)e["mentioned"]?["id"] ?? "", (string?)e["mentioned"]?["name"] ?? "", (string?)e["text"] ?? ""))
                .ToList()
            : [];

    private static void AddEntity(AdaptiveCard card, string userId, string name)
    {
        card.Msteams ??= new JsonObject();
        if (card.Msteams["entities"] is not JsonArray entities) card.Msteams["entities"] = entities = new JsonArray();
        var text = Tag(name);
        if (entities.OfType<JsonObject>().Any(e => (string?)e["mentioned"]?["id"] == userId && (string?)e["text"] == text)) return;
        entities.Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = text,
            ["mentioned"] = new JsonObject { ["id"] = userId, ["name"] = name },
        });
    }

    private static IEnumerable<(string userId, string name)> Distinct(IEnumerable<(string userId, string name)> people)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (userId, name) in people)
            if (!string.IsNullOrWhiteSpace(userId) && seen.Add(userId))
                yield return (userId, string.IsNullOrWhiteSpace(name) ? userId : name.Trim());
    }
}
