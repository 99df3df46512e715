using ChatBot.Bot.Conversation;
using ChatBot.Cards.Workspaces;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Workspaces;

/// <summary>What the admin commands share: the personal-chat answer, the choice card, the audit entry.</summary>
internal static class AdminReplies
{
    /// <summary>
    /// Admins belong to a group (or to the office's own Web Chat): in a personal chat the command is explained and
    /// nothing changes. Returns true when it answered.
    /// </summary>
    public static async Task<bool> AnsweredInPersonalChatAsync(TurnContext ctx)
    {
        if (ctx.IsGroup || ctx.Adapter.ServesLocalWorkspace) return false;
        await ctx.SendTextAsync(ctx.T(
            "管理员是按群设置的:请在群里 @我 输入“管理员”查看,或“设为管理员”设置。",
            "Admins belong to a group: in the group, @mention me and type \"admins\" to see them, or \"add admin\" to set one."));
        return true;
    }

    public static string Names(TurnContext ctx, IReadOnlyList<string> names) => string.Join(ctx.T("、", ", "), names);

    public static Task SendChoicesAsync(TurnContext ctx, string verb, string typed, IReadOnlyList<AdminCandidate> people) =>
        ctx.Capabilities.AdaptiveCards
            ? ctx.SendCardAsync(AdminCards.Choose(ctx.T($"有 {people.Count} 位成员的名字含“{typed}”,请选择:", $"{people.Count} members match \"{typed}\"; please choose:"),
                verb, people.Select(p => (p.UserKey, p.Name)).ToList()))
            : ctx.SendTextAsync(ctx.T($"有 {people.Count} 位成员的名字含“{typed}”:{string.Join("、", people.Select(p => p.Name))}。请写出完整的名字。",
                $"{people.Count} members match \"{typed}\": {string.Join(", ", people.Select(p => p.Name))}. Please type the full name."));

    public static string NotFound(TurnContext ctx, string typed) => typed.Length == 0
        ? ctx.T("请写明是谁,例如“设为管理员 @王小明”。", "Please say who, e.g. \"add admin @Wang Xiaoming\".")
        : ctx.T($"没有找到名为“{typed}”的成员。我只认识在这里和我说过话的人:请对方先在这里发一条消息(如“帮助”),或在 Teams 里直接 @ 对方。",
            $"No member named \"{typed}\" found. I only know people who have written here: ask them to send a message first (e.g. \"help\"), or @mention them in Teams.");

    public static AuditEntry Audit(TurnContext ctx, string action, AdminCandidate person) => new()
    {
        Action = action, UserKey = ctx.UserKey, UserName = ctx.UserName, AtUtc = ctx.Now,
        Details = $"{person.UserKey} ({person.Name})",
    };
}
