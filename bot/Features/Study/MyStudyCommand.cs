using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>我的学法 [年份] / my study [year]: my sessions with their hours, my total against the target, my exam results.</summary>
internal sealed class MyStudyCommand(StudyLedgerReader ledger) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["我的学法", "我的学时", "my study", "my study hours"];
    public IReadOnlyList<string> Verbs => ["study.mine"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "我的学法 [年份]", "my study [year]", "我的参学记录、学时和考试成绩", "My sessions, study hours and exam results", 27)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (StudyYear.Parse(ctx, args.TextOr("year")) is not { } year)
        {
            await ctx.SendTextAsync(ctx.T("年份没看懂,请写成“我的学法 2026”。", "I couldn't read the year; please write \"my study 2026\"."));
            return;
        }
        var figures = ledger.Read(ctx, year);
        var name = ledger.NameOf(ctx);
        // Signed in under this user, or (exam scores are kept by name) listed under this name.
        var mine = figures.People.FirstOrDefault(p => p.UserKey == ctx.UserKey) ?? (name.Length > 0 ? figures.Person(name) : null);
        await ctx.SendTextAsync(StudyLedgerText.Person(ctx.Lang, year, mine?.Name ?? (name.Length > 0 ? name : ctx.T("我", "Me")), mine, ledger.Options.HoursTargetFor(ctx.Workspace)));
    }
}
