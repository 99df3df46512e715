using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Features.Workspaces;

/// <summary>管理员 / admins: who the workspace's admins are, or that there are none and how to become one.</summary>
internal sealed class ListAdminsCommand(AdminPeople people) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["管理员", "查看管理员", "admins", "list admins"];
    public IEnumerable<CommandHelp> Help => [new("通用", "General", "管理员", "admins", "查看本群的管理员", "Who the admins are here", 3)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (await AdminReplies.AnsweredInPersonalChatAsync(ctx)) return;
        if (!ctx.Workspace.HasAdmins)
        {
            await ctx.SendTextAsync(ctx.T(
                "本群还没有设置管理员,目前每位成员都可以执行管理操作。输入“设为管理员”即可成为第一位管理员。",
                "No admins are set here yet, so every member can do what admins do. Type \"add admin\" to become the first one."));
            return;
        }
        var names = AdminReplies.Names(ctx, people.NamesOf(ctx.Workspace));
        var you = ctx.Workspace.Admins.Contains(ctx.UserKey) ? ctx.T("(包括您)", " (including you)") : "";
        await ctx.SendTextAsync(ctx.T(
            $"本群管理员:{names}{you}。管理员可用“设为管理员 @某人”“取消管理员 @某人”调整。",
            $"Admins here: {names}{you}. An admin can change them with \"add admin @someone\" and \"remove admin @someone\"."));
    }
}
