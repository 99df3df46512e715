using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Study;

namespace ChatBot.Bot.Features.Study;

/// <summary>学法档案 王小明 [年份] / study record &lt;name&gt; [year]: one person's sessions, hours and exams; admins only.</summary>
internal sealed class StudyRecordCommand(StudyLedgerReader ledger) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["学法档案", "学法记录", "study record"];
    public IEnumerable<CommandHelp> Help => [new("学法", "Law study", "学法档案 姓名 [年份]", "study record <name> [year]", "某人的参学记录、学时和成绩(管理员)", "One person's sessions, hours and exams (admins)", 28)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("抱歉,只有本群的管理员可以查看他人的学法档案。查看自己的请发送“我的学法”。",
                "Sorry, only this group's admins can see another person's study record. For your own, type \"my study\"."));
            return;
        }
        var (name, yearText) = StudyYear.SplitTrailing(args.Text);
        if (name.Length == 0 || StudyYear.Parse(ctx, yearText) is not { } year)
        {
            await ctx.SendTextAsync(ctx.T("请写明姓名,例如“学法档案 王小明”或“学法档案 王小明 2026”。", "Please give a name, e.g. \"study record Wang Xiaoming\" or \"study record Wang Xiaoming 2026\"."));
            return;
        }
        var person = ledger.Read(ctx, year).Person(name);
        if (person is null)
        {
            await ctx.SendTextAsync(ctx.T($"{year}年没有“{name}”的学法记录(签到、应参学名单和成绩里都没有这个名字)。",
                $"There is no study record for \"{name}\" in {year} (the name is not among sign-ins, expected participants or scores)."));
            return;
        }
        await ctx.SendTextAsync(StudyLedgerText.Person(ctx.Lang, year, person.Name, person, ledger.Options.HoursTargetFor(ctx.Workspace)));
    }
}
