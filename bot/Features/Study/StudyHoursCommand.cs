using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>学时统计 [年份] / study hours [year]: everyone's hours against the yearly target, those below listed.</summary>
internal sealed class StudyHoursCommand(StudyLedgerReader ledger) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["学时统计", "学时情况", "study hours", "study hours stats"];
    public IReadOnlyList<string> Verbs => ["study.hours"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "学时统计 [年份]", "study hours [year]", "每人学时与年度目标,列出未达标人员", "Everyone's study hours against the yearly target", 29)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (StudyYear.Parse(ctx, args.TextOr("year")) is not { } year)
        {
            await ctx.SendTextAsync(ctx.T("年份没看懂,请写成“学时统计 2026”。", "I couldn't read the year; please write \"study hours 2026\"."));
            return;
        }
        await ctx.SendTextAsync(StudyLedgerText.HoursTable(ctx.Lang, ledger.Read(ctx, year), ledger.Options.HoursTargetFor(ctx.Workspace)));
    }
}
