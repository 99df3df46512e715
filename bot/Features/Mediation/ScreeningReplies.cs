using ChatBot.Bot.Conversation;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>What the 矛盾纠纷排查 commands share: the workspace's villages, saving a round and showing it.</summary>
internal sealed class ScreeningReplies(ScreeningStore store, MediationStore cases)
{
    public ScreeningStore Store => store;

    public MediationStore Cases => cases;

    /// <summary>
    /// The villages the committee screens: the list an admin set with 排查村居 when there is one (so a misspelt village
    /// on an old case does not count as unreported), else the villages named on the cases and screening rounds.
    /// </summary>
    public IReadOnlyList<string> Villages(Workspace w) =>
        SetVillages(w) ?? Named(cases.VillagesOf([w.Id])[w.Id].Concat(store.All(w.Id).Select(r => r.Village)));

    /// <summary>The list an admin set with 排查村居, or null when there is none.</summary>
    public static IReadOnlyList<string>? SetVillages(Workspace w) =>
        w.Settings.TryGetValue(MediationOptions.VillagesKey, out var set) && ParseVillages(set) is { Count: > 0 } list ? list : null;

    /// <summary>The villages named on cases and rounds: trimmed, each once, in order.</summary>
    public static IReadOnlyList<string> Named(IEnumerable<string> villages) =>
        villages.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>"东岭村 西岭村、南湖社区" → the names, each once, in the order given.</summary>
    public static List<string> ParseVillages(string? text) =>
        (text ?? "").Split([' ', '、', ',', ',', ';', ';', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The case number each dispute of the round became, by index (null where it is not a case yet).</summary>
    public IReadOnlyList<string?> CaseNos(ScreeningRound r) =>
        Enumerable.Range(0, r.Disputes.Count).Select(i => cases.FindByForm(r.WorkspaceId, r.CaseFormId(i))?.CaseNo).ToList();

    public async Task SaveAndReplyAsync(TurnContext ctx, ScreeningRound draft, string formId, bool fromCard)
    {
        draft.WorkspaceId = ctx.Workspace.Id;
        var (round, created) = store.Save(draft, formId, MediationReplies.Actor(ctx), ctx.Now);
        var heading = !created
            ? ctx.T("这次排查已记录过,没有重复保存。", "This screening was already recorded; it was not saved twice.")
            : round.ZeroReport
                ? ctx.T($"已记录 {round.Village} 零报告。", $"Zero report recorded for {round.Village}.")
                : ctx.T($"已记录排查,发现矛盾纠纷 {round.Disputes.Count} 件。", $"Screening recorded: {English.Count(round.Disputes.Count, "dispute")} found.");
        var caseNos = CaseNos(round);
        // The form becomes a one-line receipt; the round, with its buttons, follows once.
        if (fromCard) await ctx.CloseClickedCardAsync(ScreeningCards.FormReceipt(ctx.Lang, round));
        var hint = created && !round.ZeroReport && ctx.Capabilities.AdaptiveCards
            ? ctx.T("可点“转为调解案件”登记。", " Click \"Make it a mediation case\" to log one.") : "";
        await SendRoundAsync(ctx, round, caseNos, heading + hint);
    }

    public Task SendRoundAsync(TurnContext ctx, ScreeningRound round, IReadOnlyList<string?> caseNos, string? heading) =>
        ctx.Capabilities.AdaptiveCards
            ? ctx.SendCardAsync(ScreeningCards.Round(ctx.Lang, round, caseNos, heading))
            : ctx.SendTextAsync(ScreeningCards.RoundText(ctx.Lang, round, caseNos, heading));
}
