using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Bot.Hosting;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// 导出学法台账 [年份] / export study ledger [year]: the sessions and per-person sheets as an .xlsx download link valid
/// for 30 minutes. It holds everyone's hours and grades, so (like 学法档案) only admins get it, and (like the mediation
/// ledger) only in a personal chat with a member of the group.
/// </summary>
internal sealed class ExportStudyLedgerCommand(StudyLedgerReader ledger, WorkspaceStore workspaces, MediationDownloads downloads, IOptions<BotOptions> options,
    IHttpContextAccessor? http = null) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["导出学法台账", "学法台账", "export study ledger", "study ledger"];
    public IEnumerable<CommandHelp> Help =>
        [new("学法", "Law study", "导出学法台账 [年份]", "export study ledger [year]", "导出学法活动和个人学时、成绩台账(Excel,管理员,仅限私聊)", "Export sessions, hours and grades as Excel (admins, personal chat only)", 33)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (ctx.IsGroup || (ctx.Workspace.IsGroup && !workspaces.IsMember(ctx.Workspace.Id, ctx.UserKey)))
        {
            await ctx.SendTextAsync(ctx.T("学法台账含每个人的学时和考试成绩,为保护个人信息,请在与我的私聊中发送“导出学法台账”。",
                "The study ledger holds everyone's hours and exam results. To protect them, please ask for it in a personal chat with me: \"export study ledger\"."));
            return;
        }
        if (!ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("抱歉,只有管理员可以导出学法台账。查看自己的学时和成绩请发送“我的学法”。",
                "Sorry, only admins can export the study ledger. For your own hours and results, type \"my study\"."));
            return;
        }
        if (StudyYear.Parse(ctx, args.Text) is not { } year)
        {
            await ctx.SendTextAsync(ctx.T("年份没看懂,请写成“导出学法台账 2026”。", "I couldn't read the year; please write \"export study ledger 2026\"."));
            return;
        }

        var figures = ledger.Read(ctx, year);
        var target = ledger.Options.HoursTargetFor(ctx.Workspace);
        var bytes = StudyLedgerWorkbook.Build(ctx.Lang, figures, target, ctx.Workspace.Name ?? ctx.T("本群", "this group"), ctx.Today);
        var fileName = ctx.T($"学法台账-{year}.xlsx", $"study-ledger-{year}.xlsx");
        var url = $"{PublicBaseUrl.For(options.Value.PublicBaseUrl, http?.HttpContext?.Request)}/files/{downloads.Add(ctx.Workspace.Id, fileName, StudyLedgerWorkbook.ContentType, bytes)}";
        var summary = ctx.T($"{year}年学法台账:学法活动 {figures.Held.Count} 次,{figures.People.Count} 人的学时和考试成绩。",
            $"Study ledger {year}: {English.Count(figures.Held.Count, "session")}, hours and exam results of {English.Count(figures.People.Count, "person", "people")}.");
        if (ctx.Capabilities.AdaptiveCards)
            await ctx.SendCardAsync(new AdaptiveCard()
                .Add(TextBlock.Heading(ctx.T("学法台账", "Study ledger")),
                    new TextBlock(summary + ctx.T("点击下方按钮下载(两张工作表,A4 横向,可直接打印),链接 30 分钟内有效。",
                        " Download it below (two sheets, A4 landscape, ready to print); the link is valid for 30 minutes.")))
                .AddAction(new OpenUrlAction { Title = ctx.T("下载 Excel", "Download Excel"), Url = url }));
        else
            await ctx.SendTextAsync(summary + ctx.T("下载链接 30 分钟内有效:", " The link is valid for 30 minutes:") + "\n" + url);
    }
}
