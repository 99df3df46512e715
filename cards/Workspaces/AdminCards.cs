using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.Workspaces;

/// <summary>Cards of the workspace admin commands.</summary>
public static class AdminCards
{
    public const string AddVerb = "admins.add";
    public const string RemoveVerb = "admins.remove";

    /// <summary>Several members match the typed name: one button each (name and a short id to tell them apart).</summary>
    public static AdaptiveCard Choose(string question, string verb, IReadOnlyList<(string UserKey, string Name)> people)
    {
        var card = new AdaptiveCard().Add(new TextBlock(question) { Weight = "Bolder" });
        foreach (var (userKey, name) in people)
            card.AddAction(SubmitAction.For($"{name}({ShortId(userKey)})", verb, new { userKey, name }));
        return card;
    }

    /// <summary>The end of the user id: enough to tell two people of the same name apart.</summary>
    private static string ShortId(string userKey)
    {
        var id = userKey[(userKey.IndexOf(':') + 1)..];
        return id.Length <= 6 ? id : "…" + id[^6..];
    }
}
