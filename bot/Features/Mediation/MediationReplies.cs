using ChatBot.Bot.Conversation;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>What every mediation command needs: the privacy decision, the actor for the audit, and how to show a case.</summary>
internal sealed class MediationReplies(MediationStore store, WorkspaceStore workspaces)
{
    public MediationStore Store => store;

    /// <summary>
    /// Party names and phones are shown in full only in a personal chat of a member of the workspace; everywhere else
    /// (group chats, channels, a personal chat that is not a member) they are masked.
    /// </summary>
    public bool MaskPersonalData(TurnContext ctx)
    {
        if (ctx.IsGroup) return true;
        if (!ctx.Workspace.IsGroup) return false; // the user's own personal workspace (or the local Web Chat office)
        return !workspaces.IsMember(ctx.Workspace.Id, ctx.UserKey);
    }

    public static MediationActor Actor(TurnContext ctx) => new(ctx.UserKey, ctx.UserName);

    public Task SendCaseAsync(TurnContext ctx, MediationCase c, string? heading = null, bool actions = true)
    {
        var mask = MaskPersonalData(ctx);
        return ctx.Capabilities.AdaptiveCards
            ? ctx.SendCardAsync(MediationCaseCards.Detail(ctx.Lang, c, mask, actions, heading, ctx.TimeZone, ctx.Today))
            : ctx.SendTextAsync(MediationCaseCards.DetailText(ctx.Lang, c, mask, heading, ctx.TimeZone, ctx.Today));
    }

    /// <summary>Finds a case of this workspace by its number ("2026-014", also "2026-14"), or says it does not exist.</summary>
    public async Task<MediationCase?> FindCaseAsync(TurnContext ctx, string? caseNoText)
    {
        if (!MediationRules.TryParseCaseNo(caseNoText, out var year, out var seq))
        {
            await ctx.SendTextAsync(ctx.T("请写明案号,例如“调解 2026-014”。输入“调解列表”可查看案件。",
                "Please give the case number, e.g. \"mediation 2026-014\". Type \"mediations\" to see the cases."));
            return null;
        }
        var caseNo = MediationRules.CaseNo(year, seq);
        var c = store.Get(ctx.Workspace.Id, caseNo);
        if (c is null)
            await ctx.SendTextAsync(ctx.T($"本群没有案号为 {caseNo} 的调解案件。输入“调解列表”查看已登记的案件。",
                $"There is no mediation case {caseNo} in this workspace. Type \"mediations\" to see the cases."));
        return c;
    }

    /// <summary>Saves a validated case (once per form id) and shows it; a clicked card is updated to show it too.</summary>
    public async Task SaveAndReplyAsync(TurnContext ctx, MediationCase draft, string formId, bool fromCard)
    {
        draft.WorkspaceId = ctx.Workspace.Id;
        var result = store.Create(draft, formId, Actor(ctx), ctx.Now);
        await ReplySavedAsync(ctx, result.Case, result.Created, fromCard);
    }

    /// <summary>Shows a saved case (also the one an earlier submit of the same form saved).</summary>
    public async Task ReplySavedAsync(TurnContext ctx, MediationCase c, bool created, bool fromCard)
    {
        var heading = created
            ? ctx.T($"已登记,案号 {c.CaseNo}。", $"Logged as case {c.CaseNo}.")
            : ctx.T($"已登记,案号 {c.CaseNo}(这张表单已提交过,没有重复登记)。", $"Logged as case {c.CaseNo} (this form was already submitted; no second case was created).");
        if (fromCard)
            await ctx.CloseClickedCardAsync(MediationCaseCards.Detail(ctx.Lang, c, MaskPersonalData(ctx), actions: false, heading, ctx.TimeZone));
        await SendCaseAsync(ctx, c, heading);
    }
}
