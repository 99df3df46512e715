using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Features.Reports;

/// <summary>工作总结 2026上半年 / 2026Q3 / work summary 2026 H1: the same report over a half-year or a quarter.</summary>
internal sealed class WorkSummaryCommand(ReportDelivery delivery) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["工作总结", "work summary"];
    public IEnumerable<CommandHelp> Help =>
        [new("报告", "Reports", "工作总结 2026上半年|2026Q3", "work summary 2026 H1|2026Q3", "生成半年或季度法治政府建设工作总结草稿(Word,仅限私聊,管理员)", "A half-year or quarterly summary draft (Word; personal chat, admins)", 81)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (args.Text.Trim().Length == 0 || ReportPeriod.Parse(args.Text, ctx.Today) is not { } period)
        {
            await ctx.SendTextAsync(ctx.T("请写期间,例如“工作总结 2026上半年”“工作总结 2026下半年”“工作总结 2026Q3”或“工作总结 2026年第三季度”。",
                "Give the period, e.g. \"work summary 2026 H1\", \"work summary 2026 H2\" or \"work summary 2026Q3\"."));
            return;
        }
        var word = ctx.T("工作总结", "work summary");
        await delivery.SendAsync(ctx, period, $"{word} {args.Text.Trim()}");
    }
}
