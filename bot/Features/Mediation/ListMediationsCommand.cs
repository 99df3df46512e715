using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>调解列表 / mediations [open|month|village] [第N页]: the workspace's cases, newest first, 10 per page.</summary>
internal sealed partial class ListMediationsCommand(MediationReplies replies) : IBotCommand
{
    public const int PageSize = 10;
    public IReadOnlyList<string> Aliases => ["调解列表", "调解案件", "mediations", "list mediations"];
    public IReadOnlyList<string> Verbs => [MediationCaseCards.ListVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "调解列表 [未结|本月|村名]", "mediations [open|month|village]", "查看调解案件列表", "List mediation cases", 21)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var filter = (args.Text.Length > 0 ? args.Text : args.Field("filter") ?? "").Trim();
        var page = int.TryParse(args.Field("page"), out var p) && p > 0 ? p : 1;
        if (PageSuffix().Match(filter) is { Success: true } m)
        {
            // A number beyond int is past the last page anyway.
            page = int.TryParse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, out var asked) ? Math.Max(1, asked) : int.MaxValue;
            filter = filter[..m.Index].Trim();
        }

        var (title, cases) = Apply(ctx, filter, replies.Store.All(ctx.Workspace.Id));
        var pages = Math.Max(1, (cases.Count + PageSize - 1) / PageSize);
        page = Math.Min(page, pages);
        var shown = cases.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var hasMore = page < pages;
        if (pages > 1) title += ctx.T($"(第 {page}/{pages} 页)", $" (page {page}/{pages})");
        var mask = replies.MaskPersonalData(ctx);
        if (ctx.Capabilities.AdaptiveCards)
            await ctx.SendCardAsync(MediationCaseCards.List(ctx.Lang, title, shown, cases.Count, mask, hasMore ? new { filter, page = (page + 1).ToString() } : null, ctx.Today));
        else
        {
            var text = MediationCaseCards.ListText(ctx.Lang, title, shown, cases.Count, mask, false, ctx.Today);
            if (hasMore) text += ctx.T($"\n下一页请回复“调解列表 {filter} 第{page + 1}页”。", $"\nFor the next page reply \"mediations {filter} page {page + 1}\".");
            await ctx.SendTextAsync(text);
        }
    }

    private static (string Title, List<MediationCase> Cases) Apply(TurnContext ctx, string filter, IReadOnlyList<MediationCase> all)
    {
        var f = filter.ToLowerInvariant();
        if (f is "open" or "未结" or "未办结" or "进行中" or "在办")
            return (ctx.T("未结调解案件(受理/调解中)", "Open mediation cases"), all.Where(c => c.IsOpen).ToList());
        if (f is "month" or "本月" or "this month")
        {
            var today = ctx.Today;
            return (ctx.T($"{today.Year}年{today.Month}月受理的调解案件", $"Cases received in {today:yyyy-MM}"),
                all.Where(c => c.ReceivedOn.Year == today.Year && c.ReceivedOn.Month == today.Month).ToList());
        }
        if (f is "" or "all" or "全部")
            return (ctx.T("调解案件", "Mediation cases"), all.ToList());
        return (ctx.T($"{filter} 的调解案件", $"Mediation cases in {filter}"),
            all.Where(c => c.Village.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    [GeneratedRegex(@"(?:第\s*(\d+)\s*页|\bpage\s*(\d+))$", RegexOptions.IgnoreCase)]
    private static partial Regex PageSuffix();
}
