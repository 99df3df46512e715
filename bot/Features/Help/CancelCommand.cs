using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Bot.Features.Help;

/// <summary>取消 / cancel: ends whatever dialog is in progress, saving nothing.</summary>
internal sealed class CancelCommand : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => ["取消", "cancel", "退出", "quit", "stop", "算了", "不填了"];
    public IReadOnlyList<string> Verbs => ["cancel"];
    public IEnumerable<CommandHelp> Help => [new("通用", "General", "取消", "cancel", "结束当前正在进行的操作,不保存", "Stop the current step-by-step dialog without saving", 1)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var result = dc.CancelAllDialogs();
        // The 取消 button of a form: the form shows 已取消 and cannot be submitted any more.
        if (ctx.CardId is not null)
            await ctx.CloseClickedCardAsync(ClosedFormCard.Cancelled(ctx.Lang, ctx.CardTitle), ClosedCardStore.Cancelled);
        await ctx.SendTextAsync(result.Status == DialogTurnStatus.Cancelled || ctx.CardId is not null
            ? ctx.T("已取消,未保存任何内容。需要时输入“帮助”查看命令。", "Cancelled; nothing was saved. Type \"help\" to see the commands.")
            : ctx.T("当前没有进行中的操作。输入“帮助”查看命令。", "Nothing is in progress. Type \"help\" to see the commands."));
    }
}
