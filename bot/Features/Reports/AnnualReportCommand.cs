using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;

namespace ChatBot.Bot.Features.Reports;

/// <summary>年度报告 [2026] / annual report [2026]: the year's 法治政府建设 report draft as a .docx (personal chat, admins).</summary>
internal sealed class AnnualReportCommand(ReportDelivery delivery) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["年度报告", "法治政府建设报告", "annual report"];
    public IEnumerable<CommandHelp> Help =>
        [new("报告", "Reports", "年度报告 [年份]", "annual report [year]", "生成法治政府建设年度报告草稿(Word,仅限私聊,管理员)", "The yearly law-based government report draft (Word; personal chat, admins)", 80)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (ReportPeriod.Parse(args.Text, ctx.Today) is not { IsYear: true } period)
        {
            await ctx.SendTextAsync(ctx.T("请写年份,例如“年度报告 2026”。半年或季度请用“工作总结 2026上半年”“工作总结 2026Q3”。",
                "Give a year, e.g. \"annual report 2026\". For a half-year or a quarter use \"work summary 2026 H1\" or \"work summary 2026Q3\"."));
            return;
        }
        await delivery.SendAsync(ctx, period, ctx.T($"年度报告 {period.Year}", $"annual report {period.Year}"));
    }
}
