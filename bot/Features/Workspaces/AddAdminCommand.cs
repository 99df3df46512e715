using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Workspaces;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Workspaces;

/// <summary>
/// 设为管理员 / add admin. Alone, the sender claims it, which only works while the workspace has no admin (the first
/// admin). With a person (a Teams @mention, or a member's name), an admin makes that person an admin too.
/// </summary>
internal sealed class AddAdminCommand(WorkspaceStore workspaces, AdminPeople people) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["设为管理员", "添加管理员", "设置管理员", "add admin", "make admin"];
    public IReadOnlyList<string> Verbs => [AdminCards.AddVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("通用", "General", "设为管理员 [@某人]", "add admin [@someone]", "第一位管理员由本人认领;之后由管理员添加", "The first admin claims it; after that, admins add others", 4)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (await AdminReplies.AnsweredInPersonalChatAsync(ctx)) return;
        var workspace = ctx.Workspace;
        if (AdminPeople.IsSelf(ctx, args))
        {
            await ClaimAsync(ctx, workspace);
            return;
        }
        if (!workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T(
                $"只有管理员可以添加管理员。本群管理员:{AdminReplies.Names(ctx, people.NamesOf(workspace))}。",
                $"Only an admin can add admins. The admins here: {AdminReplies.Names(ctx, people.NamesOf(workspace))}."));
            return;
        }
        var target = people.Find(ctx, args);
        if (target.Choices.Count > 0) { await AdminReplies.SendChoicesAsync(ctx, AdminCards.AddVerb, args.Text.Trim().TrimStart('@', '@'), target.Choices); return; }
        if (target.Person is not { } person) { await ctx.SendTextAsync(AdminReplies.NotFound(ctx, target.NotFound ?? "")); return; }
        if (workspace.Admins.Contains(person.UserKey))
        {
            await ctx.SendTextAsync(ctx.T($"{person.Name} 已经是管理员。", $"{person.Name} is already an admin."));
            return;
        }
        // Without admins everyone acts as one; the first named admin is then the sender's choice, and the sender
        // stays an admin too only if they name themselves.
        workspaces.SetAdmins(workspace.Id, [.. workspace.Admins, person.UserKey], AdminReplies.Audit(ctx, "workspace.admin.add", person));
        await ctx.SendTextAsync(ctx.T(
            $"已将 {person.Name} 设为本群管理员(由 {ctx.Addressee} 设置)。",
            $"{person.Name} is now an admin here (set by {ctx.Addressee})."));
    }

    private async Task ClaimAsync(TurnContext ctx, Workspace workspace)
    {
        if (workspace.Admins.Contains(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("您已经是本群管理员。", "You are already an admin here."));
            return;
        }
        if (workspace.HasAdmins)
        {
            await ctx.SendTextAsync(ctx.T(
                $"本群已有管理员({AdminReplies.Names(ctx, people.NamesOf(workspace))}),请管理员用“设为管理员 @您”添加您。",
                $"This group already has admins ({AdminReplies.Names(ctx, people.NamesOf(workspace))}); ask one of them to \"add admin @you\"."));
            return;
        }
        var me = new AdminCandidate(ctx.UserKey, ctx.UserName.Length > 0 ? ctx.UserName : people.NameOf(workspace.Id, ctx.UserKey));
        workspaces.SetAdmins(workspace.Id, [ctx.UserKey], AdminReplies.Audit(ctx, "workspace.admin.claim", me));
        await ctx.SendTextAsync(ctx.T(
            $"{ctx.Addressee} 已成为本群第一位管理员。从现在起,只有管理员能执行管理操作;可用“设为管理员 @某人”添加其他管理员。",
            $"{ctx.Addressee} is now the first admin here. From now on only admins can do admin actions; add others with \"add admin @someone\"."));
    }
}
