using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>
/// Who a reminder can @mention: owner names bound to a person (绑定, #24), else matched to the workspace's members (the
/// people the bot has seen there) by name.
/// Teams needs a mention entity with the user's id and "&lt;at&gt;name&lt;/at&gt;" in the text; WeCom needs the
/// userids (mentioned_list) and "&lt;@userid&gt;" in markdown. Unknown names stay plain text.
/// </summary>
internal sealed class Mentions
{
    private readonly Dictionary<string, string> _idsByName = new(StringComparer.Ordinal);
    private readonly bool _weCom;

    private Mentions(bool weCom) { _weCom = weCom; }

    public static readonly Mentions None = new(false);

    public List<Entity> Entities { get; } = new();
    public List<string> UserIds { get; } = new();

    public static Mentions For(Workspace ws, IEnumerable<PlanTask> tasks, IReadOnlyList<WorkspaceMember> members,
        IReadOnlyDictionary<string, OwnerBinding>? bindings = null)
    {
        // The first member of each name and of each key, as a scan of the members would find them.
        var byName = new Dictionary<string, WorkspaceMember>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, WorkspaceMember>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            if (m.Name is not null) byName.TryAdd(m.Name, m);
            byKey.TryAdd(m.UserKey, m);
        }
        var pairs = new List<(string Key, string Name)>();
        foreach (var t in tasks)
        {
            foreach (var owner in t.Owners)
            {
                if (bindings is not null && bindings.TryGetValue(owner, out var bound)) pairs.Add((bound.UserKey, owner));
                else if (byName.TryGetValue(owner, out var member)) pairs.Add((member.UserKey, owner));
            }
            foreach (var key in t.OwnerUserKeys)
                if (byKey.TryGetValue(key, out var member) && member.Name is { } name) pairs.Add((key, name));
        }
        return ForKeys(ws, pairs);
    }

    public static Mentions ForKeys(Workspace ws, IEnumerable<(string UserKey, string Name)> people)
    {
        var result = new Mentions(ws.ChannelId == "wecom");
        foreach (var (key, name) in people)
        {
            var colon = key.IndexOf(':');
            var userId = colon >= 0 ? key[(colon + 1)..] : key;
            if (userId.Length == 0 || !result._idsByName.TryAdd(name, userId)) continue;
            if (result._weCom) result.UserIds.Add(userId);
            else result.Entities.Add(Entity.Mention(userId, name));
        }
        return result;
    }

    /// <summary>
    /// The owner names of <paramref name="tasks"/> nobody can be @mentioned for: not bound, and no member of that name
    /// (in order of first appearance).
    /// </summary>
    public static List<string> Unbound(IEnumerable<PlanTask> tasks, IReadOnlyList<WorkspaceMember> members, IReadOnlyDictionary<string, OwnerBinding> bindings)
    {
        var known = members.Where(m => m.Name is not null).Select(m => m.Name!).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return tasks.SelectMany(t => t.Owners).Where(o => !bindings.ContainsKey(o) && !known.Contains(o) && seen.Add(o)).ToList();
    }

    public string TextFor(string name) => _idsByName.ContainsKey(name) && !_weCom ? $"<at>{name}</at>" : name;

    public string MarkdownFor(string name) => _idsByName.TryGetValue(name, out var id) && _weCom ? $"<@{id}>" : name;
}
