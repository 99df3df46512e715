using System.Net;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.Teams;

/// <summary>
/// @mentions of people in a Teams text message: the text carries "&lt;at&gt;name&lt;/at&gt;" and the activity a
/// mention entity with exactly that text and the person's Teams user id. (For mentions inside an Adaptive Card use
/// ChatBot.Cards.Teams.CardMentions.)
/// </summary>
internal static class TeamsMentions
{
    /// <summary>The "&lt;at&gt;name&lt;/at&gt;" tags, separated by spaces, and their mention entities (one per distinct user).</summary>
    /// <param name="people">Teams user ids ("29:…", or AAD object ids) and display names.</param>
    public static (string Text, List<Entity> Entities) Build(IEnumerable<(string userId, string name)> people)
    {
        var tags = new List<string>();
        var entities = new List<Entity>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (userId, name) in people)
        {
            if (string.IsNullOrWhiteSpace(userId) || !seen.Add(userId)) continue;
            var display = string.IsNullOrWhiteSpace(name) ? userId : name.Trim();
            var tag = Tag(display);
            tags.Add(tag);
            entities.Add(new Entity { Type = "mention", Text = tag, Mentioned = new ChannelAccount { Id = userId, Name = display } });
        }
        return (string.Join(" ", tags), entities);
    }

    /// <summary>"&lt;at&gt;name&lt;/at&gt;" with the name HTML-escaped (Teams renders the text as HTML).</summary>
    public static string Tag(string name) => $"<at>{WebUtility.HtmlEncode(name)}</at>";

    /// <summary>The Teams user id of a user key "msteams:29:…" (WorkspaceMember.UserKey), or null for another channel.</summary>
    public static string? UserIdOf(string userKey) =>
        userKey.StartsWith("msteams:", StringComparison.Ordinal) && userKey.Length > "msteams:".Length ? userKey["msteams:".Length..] : null;

    /// <summary>A text message that mentions the people: "{mentions} {text}".</summary>
    public static Activity Message(string text, IEnumerable<(string userId, string name)> people)
    {
        var (tags, entities) = Build(people);
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = tags.Length == 0 ? text : $"{tags} {text}",
            TextFormat = "markdown",
            Entities = entities,
        };
    }
}
