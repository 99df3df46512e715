using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>考试统计 [年份] / exam stats [year]: pass rate and grade distribution per exam and for the year.</summary>
internal sealed class ExamStatsCommand(StudyLedgerReader ledger) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["考试统计", "学法考试统计", "exam stats", "exam statistics"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "考试统计 [年份]", "exam stats [year]", "每次考试和全年的合格率、等次分布", "Pass rate and grades per exam and per year", 30)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (StudyYear.Parse(ctx, args.Text) is not { } year)
        {
            await ctx.SendTextAsync(ctx.T("年份没看懂,请写成“考试统计 2026”。", "I couldn't read the year; please write \"exam stats 2026\"."));
            return;
        }
        await ctx.SendTextAsync(StudyLedgerText.ExamTable(ctx.Lang, ledger.Read(ctx, year)));
    }
}
