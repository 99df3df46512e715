using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Hosting;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 调解月报 [2026-11] / mediation monthly [2026-11]: the 人民调解工作统计 figures of a month, the month before and the
/// year so far, as a card and as an .xlsx link. Counts only (no personal data), so it is answered in groups too.
/// </summary>
internal sealed class MediationMonthlyCommand(MediationReplies replies, MediationDownloads downloads, IOptions<MediationOptions> mediation,
    IOptions<BotOptions> options, IHttpContextAccessor? http = null) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["调解月报", "mediation monthly", "mediation monthly report"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "调解月报 [2026-11]", "mediation monthly [2026-11]", "人民调解工作统计月报(卡片和 Excel)", "The monthly mediation statistics (card and Excel)", 24)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!TryMonth(args.Text, ctx.Today, out var year, out var month))
        {
            await ctx.SendTextAsync(ctx.T("请写月份,例如“调解月报 2026-11”或“调解月报 11月”;不写则为本月(每月 1–5 日为上月)。",
                "Give a month, e.g. \"mediation monthly 2026-11\"; without one it is this month (the previous month on the 1st to 5th)."));
            return;
        }
        var report = MediationMonthlyReport.Compute(replies.Store.All(ctx.Workspace.Id), year, month);
        var bytes = MediationMonthlyWorkbook.Build(report, mediation.Value.CommitteeNameFor(ctx.Workspace), ctx.Today);
        var token = downloads.Add(ctx.Workspace.Id, MediationMonthlyWorkbook.FileName(report), MediationLedger.ContentType, bytes);
        var url = $"{PublicBaseUrl.For(options.Value.PublicBaseUrl, http?.HttpContext?.Request)}/files/{token}";
        if (ctx.Capabilities.AdaptiveCards) await ctx.SendCardAsync(MediationMonthlyCard.Build(ctx.Lang, report, url));
        else await ctx.SendTextAsync(MediationMonthlyCard.Text(ctx.Lang, report, url));
    }

    /// <summary>"" → <see cref="MediationMonthlyReport.DefaultMonth"/>; otherwise a month as 调解统计 understands it ("2026-11", "2026年11月", "11月", "本月").</summary>
    public static bool TryMonth(string text, DateOnly today, out int year, out int month)
    {
        (year, month) = MediationMonthlyReport.DefaultMonth(today);
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!MediationStatsCommand.TryPeriod(text, today, out var from, out var to) || from.Day != 1 || to != from.AddMonths(1).AddDays(-1)) return false;
        (year, month) = (from.Year, from.Month);
        return true;
    }
}
