using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Workspaces;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Workspaces;

/// <summary>
/// 取消管理员 @某人 / remove admin: an admin removes an admin (themself with "我" or nothing). The last admin cannot
/// remove themself: the group would silently go back to "every member acts as an admin", so another admin is named first.
/// </summary>
internal sealed class RemoveAdminCommand(WorkspaceStore workspaces, AdminPeople people) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["取消管理员", "移除管理员", "remove admin"];
    public IReadOnlyList<string> Verbs => [AdminCards.RemoveVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("通用", "General", "取消管理员 @某人", "remove admin @someone", "管理员取消某人的管理员身份", "An admin removes an admin", 5)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (await AdminReplies.AnsweredInPersonalChatAsync(ctx)) return;
        var workspace = ctx.Workspace;
        if (!workspace.HasAdmins)
        {
            await ctx.SendTextAsync(ctx.T("本群还没有设置管理员,无需取消。", "No admins are set here, so there is nobody to remove."));
            return;
        }
        if (!workspace.Admins.Contains(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T(
                $"只有管理员可以取消管理员。本群管理员:{AdminReplies.Names(ctx, people.NamesOf(workspace))}。",
                $"Only an admin can remove admins. The admins here: {AdminReplies.Names(ctx, people.NamesOf(workspace))}."));
            return;
        }
        AdminCandidate person;
        if (AdminPeople.IsSelf(ctx, args))
            person = new AdminCandidate(ctx.UserKey, people.NameOf(workspace.Id, ctx.UserKey));
        else
        {
            var target = people.Find(ctx, args);
            if (target.Choices.Count > 0)
            {
                var admins = target.Choices.Where(c => workspace.Admins.Contains(c.UserKey)).ToList();
                if (admins.Count != 1) { await AdminReplies.SendChoicesAsync(ctx, AdminCards.RemoveVerb, args.Text.Trim().TrimStart('@', '@'), admins.Count > 1 ? admins : target.Choices); return; }
                target = AdminTarget.One(admins[0]);
            }
            if (target.Person is not { } found) { await ctx.SendTextAsync(AdminReplies.NotFound(ctx, target.NotFound ?? "")); return; }
            person = found;
        }
        if (!workspace.Admins.Contains(person.UserKey))
        {
            await ctx.SendTextAsync(ctx.T($"{person.Name} 不是管理员。", $"{person.Name} is not an admin."));
            return;
        }
        if (workspace.Admins.Count == 1)
        {
            await ctx.SendTextAsync(ctx.T(
                "您是本群唯一的管理员,不能取消自己:否则本群将没有管理员,每位成员都能执行管理操作。请先用“设为管理员 @某人”设置另一位管理员,再取消自己。",
                "You are the only admin here and cannot remove yourself: the group would have no admin and every member could do admin actions. First \"add admin @someone\", then remove yourself."));
            return;
        }
        workspaces.SetAdmins(workspace.Id, workspace.Admins.Where(a => a != person.UserKey).ToList(), AdminReplies.Audit(ctx, "workspace.admin.remove", person));
        await ctx.SendTextAsync(person.UserKey == ctx.UserKey
            ? ctx.T($"{person.Name} 已不再是本群管理员。", $"{person.Name} is no longer an admin here.")
            : ctx.T($"已取消 {person.Name} 的管理员身份(由 {ctx.Addressee} 操作)。", $"{person.Name} is no longer an admin here (removed by {ctx.Addressee})."));
    }
}
