using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>排查统计 [2026] / screening stats [2026]: per month, rounds, villages covered, 零报告, disputes found and turned into cases.</summary>
internal sealed class ScreeningStatsCommand(ScreeningReplies replies, MediationStore cases) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["排查统计", "screening stats", "screening statistics"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "排查统计 [2026]", "screening stats [2026]", "按月统计排查次数、覆盖村居、零报告、发现纠纷和转为案件数", "Screening rounds, villages covered, zero reports, disputes found and cases, by month", 32)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var text = Recognizers.ToHalfWidth(args.Text).Trim().TrimEnd('年');
        var year = ctx.Today.Year;
        if (text.Length > 0 && !(int.TryParse(text, out year) && year is >= 2000 and <= 2100))
        {
            await ctx.SendTextAsync(ctx.T("请写年份,例如“排查统计 2026”;不写年份为本年。", "Give a year, e.g. \"screening stats 2026\"; without one, this year."));
            return;
        }
        var ws = ctx.Workspace.Id;
        var prefix = ws + "|";
        var caseForms = cases.All(ws).Select(c => c.FormKey.StartsWith(prefix, StringComparison.Ordinal) ? c.FormKey[prefix.Length..] : c.FormKey).ToHashSet(StringComparer.Ordinal);
        var known = replies.Villages(ctx.Workspace).Count;
        var months = ScreeningMonth.Of(year, replies.Store.All(ws), known, caseForms);
        // This year: the months so far; a past year: all twelve.
        if (year == ctx.Today.Year) months = months.Take(ctx.Today.Month).ToList();
        else if (year > ctx.Today.Year) months = [];
        if (ctx.Capabilities.AdaptiveCards) await ctx.SendCardAsync(ScreeningCards.Stats(ctx.Lang, year, months, known));
        else await ctx.SendTextAsync(ScreeningCards.StatsText(ctx.Lang, year, months, known));
    }
}
