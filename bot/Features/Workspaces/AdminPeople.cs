using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Workspaces;

/// <summary>
/// Finds the person an admin command names: the Teams @mention (its entity carries the user id), a person picked on
/// the choice card (a user key, checked against the members), or a name typed after the command (Web Chat, WeCom)
/// matched against the workspace's known members.
/// </summary>
internal sealed class AdminPeople(WorkspaceStore workspaces)
{
    public const string UserKeyField = "userKey";
    private static readonly string[] Me = ["我", "本人", "自己", "me", "myself"];

    /// <summary>True when the command names nobody or the sender themself ("设为管理员", "取消管理员 我").</summary>
    public static bool IsSelf(TurnContext ctx, CommandArgs args) =>
        args.Field(UserKeyField) is null && Mentioned(ctx).Count == 0
        && (args.Text.Trim().TrimStart('@', '@').Trim() is var t && (t.Length == 0 || Me.Contains(t, StringComparer.OrdinalIgnoreCase)));

    public AdminTarget Find(TurnContext ctx, CommandArgs args)
    {
        var workspaceId = ctx.Workspace.Id;
        if (args.Field(UserKeyField) is { Length: > 0 } picked)
            return workspaces.IsMember(workspaceId, picked)
                ? AdminTarget.One(new AdminCandidate(picked, NameOf(workspaceId, picked)))
                : AdminTarget.Missing(args.Field("name") ?? picked);

        if (Mentioned(ctx) is [var mention, ..])
        {
            var key = $"{ctx.Activity.ChannelId}:{mention.Id}";
            return AdminTarget.One(new AdminCandidate(key, workspaces.MemberName(workspaceId, key) ?? mention.Name ?? mention.Id!));
        }

        var typed = args.Text.Trim().TrimStart('@', '@').Trim();
        var members = workspaces.MembersOf(workspaceId).Where(m => !string.IsNullOrWhiteSpace(m.Name)).ToList();
        var exact = members.Where(m => string.Equals(m.Name!.Trim(), typed, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = exact.Count > 0 ? exact : members.Where(m => m.Name!.Contains(typed, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches switch
        {
            [] => AdminTarget.Missing(typed),
            [var only] => AdminTarget.One(new AdminCandidate(only.UserKey, only.Name!)),
            _ => AdminTarget.Several(matches.OrderByDescending(m => m.LastSeenUtc).Take(6).Select(m => new AdminCandidate(m.UserKey, m.Name!)).ToList()),
        };
    }

    /// <summary>The name to show for a user key: the stored one, else the id.</summary>
    public string NameOf(string workspaceId, string userKey) =>
        workspaces.MemberName(workspaceId, userKey) ?? userKey[(userKey.IndexOf(':') + 1)..];

    public IReadOnlyList<string> NamesOf(Workspace workspace) => workspace.Admins.Select(k => NameOf(workspace.Id, k)).ToList();

    /// <summary>People @mentioned in the message other than the bot (Teams mention entities).</summary>
    private static List<Channels.BotFramework.Schema.ChannelAccount> Mentioned(TurnContext ctx) =>
        (ctx.Activity.Entities ?? [])
            .Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id is { Length: > 0 } id && id != ctx.Activity.Recipient?.Id)
            .Select(e => e.Mentioned!).ToList();
}
