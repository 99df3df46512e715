using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Hosting;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 导出调解台账 / export mediations [year|全部]: the .xlsx ledger as a download link valid for 30 minutes. The ledger
/// holds the parties' personal data, so it is produced only in a personal chat of a workspace member.
/// </summary>
internal sealed class ExportMediationsCommand(MediationDownloads downloads, IOptions<BotOptions> options, IHttpContextAccessor? http = null) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["导出调解台账", "调解台账", "export mediations", "mediation ledger"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "导出调解台账 [年份]", "export mediations [year]", "导出人民调解案件登记台账(Excel,仅限私聊)", "Export the mediation ledger as Excel (personal chat only)", 26)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (MediationReplies.MaskPersonalData(ctx))
        {
            await ctx.SendTextAsync(ctx.T("台账含当事人姓名和电话,为保护个人信息,请在与我的私聊中发送“导出调解台账”。",
                "The ledger contains the parties' names and phone numbers. To protect them, please ask for it in a personal chat with me: \"export mediations\"."));
            return;
        }
        if (!TryYear(args.Text, ctx.Today.Year, out var year))
        {
            await ctx.SendTextAsync(ctx.T("请写年份,例如“导出调解台账 2025”,或“导出调解台账 全部”。", "Give a year, e.g. \"export mediations 2025\", or \"export mediations all\"."));
            return;
        }

        var cases = MediationReplies.Store(ctx).All(ctx.Workspace.Id).Where(c => year is null || c.ReceivedOn.Year == year).ToList();
        var store = MediationReplies.Store(ctx);
        var bytes = MediationLedger.Build(cases, c => MediationLedger.ClosedOn(store, c, ctx.TimeZone), year is null ? "全部年份" : $"{year}年", ctx.Today);
        var fileName = year is null ? "人民调解案件登记台账.xlsx" : $"人民调解案件登记台账-{year}.xlsx";
        var token = downloads.Add(ctx.Workspace.Id, fileName, MediationLedger.ContentType, bytes);
        var url = $"{BaseUrl()}/files/{token}";
        var what = ctx.T($"{(year is null ? "全部" : year + "年")}调解台账共 {cases.Count} 件,下载链接 30 分钟内有效:", $"The ledger ({(year is null ? "all years" : year.ToString())}) has {cases.Count} case(s). The link is valid for 30 minutes:");
        if (ctx.Capabilities.AdaptiveCards)
            await ctx.SendCardAsync(new AdaptiveCard()
                .Add(TextBlock.Heading(ctx.T("人民调解案件登记台账", "Mediation ledger")),
                    new TextBlock(ctx.T($"{(year is null ? "全部" : year + "年")}调解台账共 {cases.Count} 件。点击下方按钮下载(A4 横向,可直接打印),链接 30 分钟内有效。",
                        $"The ledger ({(year is null ? "all years" : year.ToString())}) has {cases.Count} case(s). Download it below (A4 landscape, ready to print); the link is valid for 30 minutes.")))
                .AddAction(new OpenUrlAction { Title = ctx.T("下载 Excel", "Download Excel"), Url = url }));
        else
            await ctx.SendTextAsync($"{what}\n{url}");
    }

    /// <summary>"" → this year; "全部"/"all" → every year (null); "2025"/"2025年" → that year.</summary>
    private static bool TryYear(string text, int thisYear, out int? year)
    {
        var arg = text.Trim().ToLowerInvariant();
        year = thisYear;
        if (arg.Length == 0) return true;
        if (arg is "全部" or "all") { year = null; return true; }
        if (int.TryParse(arg.TrimEnd('年'), out var y) && y is >= 2000 and <= 2100) { year = y; return true; }
        return false;
    }

    private string BaseUrl() => PublicBaseUrl.For(options.Value.PublicBaseUrl, http?.HttpContext?.Request);
}
