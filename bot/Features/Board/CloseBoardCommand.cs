using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Storage.Board;

namespace ChatBot.Bot.Features.Board;

/// <summary>关闭看板 / close board (admins): the board link stops working at once; 公开看板 afterwards gives a new one.</summary>
internal sealed class CloseBoardCommand(BoardStore boards) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["关闭看板", "停用看板", "close board"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "关闭看板", "close board", "停用公开看板链接(管理员)", "Turn the public board link off (admins)", 42)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有本群的管理员可以关闭看板。", "Only this group's admins can close the board."));
            return;
        }
        await ctx.SendTextAsync(boards.Close(ctx.Workspace.Id, ctx.Now)
            ? ctx.T("看板链接已关闭,原链接不再显示任何内容。需要时发送“公开看板”获取新链接。", "The board link is closed; the old link shows nothing any more. Send \"public board\" for a new link when needed.")
            : ctx.T("目前没有公开的看板。", "There is no public board at the moment."));
    }
}
