using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>补考名单 [年份] / make-up list [year]: who failed with sittings left, and who was absent, per exam.</summary>
internal sealed class MakeUpListCommand(StudyLedgerReader ledger) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["补考名单", "make-up list", "makeup list"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "补考名单 [年份]", "make-up list [year]", "不合格或缺考需补考的人员", "Who failed or was absent and must sit a make-up", 31)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (StudyYear.Parse(ctx, args.Text) is not { } year)
        {
            await ctx.SendTextAsync(ctx.T("年份没看懂,请写成“补考名单 2026”。", "I couldn't read the year; please write \"make-up list 2026\"."));
            return;
        }
        var text = StudyLedgerText.MakeUpTable(ctx.Lang, ledger.Read(ctx, year));
        if (text.Contains('#')) text += ctx.T("\n\n安排补考:“安排补考 编号 考试日期 补考时间”,例如“安排补考 3 2026-04-03 4月17日 15:00”。",
            "\n\nTo schedule one: \"schedule make-up <no.> <exam date> <when>\", e.g. \"schedule make-up 3 2026-04-03 2026-04-17 15:00\".");
        await ctx.SendTextAsync(text);
    }
}
