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
