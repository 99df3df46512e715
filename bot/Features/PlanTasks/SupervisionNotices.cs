using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>Who the supervision cycle's messages @mention (#24): a task's owners, or the workspace's admins.</summary>
internal sealed class SupervisionNotices(WorkspaceStore workspaces, OwnerBindingStore bindings)
{
    /// <summary>The owners as mention text ("&lt;at&gt;张三&lt;/at&gt;、李四") and the mention entities (owners bound to a person or seen by name).</summary>
    public (string Text, List<Entity> Entities) Owners(TurnContext ctx, PlanTask task)
    {
        var mentions = Mentions.For(ctx.Workspace, [task], workspaces.MembersOf(ctx.Workspace.Id), bindings.Of(ctx.Workspace.Id));
        var names = task.Owners.Count > 0 ? task.Owners : task.Department.Length > 0 ? [task.Department] : [ctx.T("责任人", "owners")];
        return (string.Join("、", names.Select(mentions.TextFor)), mentions.Entities);
    }

    /// <summary>
    /// The person each owner name stands for (bound with 绑定, else the member of that name), and the owner names that
    /// stand for nobody the bot can @mention, in order of first appearance.
    /// </summary>
    public (Dictionary<string, string> KeyByOwner, List<string> Unbound) People(TurnContext ctx, IEnumerable<PlanTask> tasks)
    {
        var bound = bindings.Of(ctx.Workspace.Id);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in workspaces.MembersOf(ctx.Workspace.Id))
            if (m.Name is { Length: > 0 } name) byName.TryAdd(name, m.UserKey);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var unbound = new List<string>();
        foreach (var owner in tasks.SelectMany(t => t.Owners).Distinct(StringComparer.Ordinal))
        {
            if (bound.TryGetValue(owner, out var b)) keys[owner] = b.UserKey;
            else if (byName.TryGetValue(owner, out var key)) keys[owner] = key;
            else unbound.Add(owner);
        }
        return (keys, unbound);
    }

    /// <summary>The admins as mention text and entities; "管理员" when the workspace has none (every member acts as one).</summary>
    public (string Text, List<Entity> Entities) Admins(TurnContext ctx)
    {
        var ws = ctx.Workspace;
        if (!ws.HasAdmins) return (ctx.T("各位管理员", "Admins"), []);
        var people = ws.Admins.Select(k => (k, workspaces.MemberName(ws.Id, k) ?? k)).ToList();
        var mentions = Mentions.ForKeys(ws, people);
        return (string.Join("、", people.Select(p => mentions.TextFor(p.Item2))), mentions.Entities);
    }
}
