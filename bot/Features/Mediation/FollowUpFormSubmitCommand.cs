using System.Globalization;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>The 回访记录 form's submit (verb mediation.followup.form): validated on the server; with problems the form comes back and nothing is saved.</summary>
internal sealed class FollowUpFormSubmitCommand(MediationReplies replies) : IBotCommand, IInterruptCommand
{
    private static readonly string[] Fields = ["date", "by", "performance", "satisfaction", "risk", "note"];
    public IReadOnlyList<string> Aliases => [];
    public IReadOnlyList<string> Verbs => [MediationFollowUpCard.SubmitVerb];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var caseNo = args.Field("caseNo") ?? "";
        var store = replies.Store;
        var c = store.Get(ctx.Workspace.Id, caseNo);
        if (c is null)
        {
            await ctx.SendTextAsync(ctx.T($"案件 {caseNo} 已不存在,回访未保存。", $"Case {caseNo} no longer exists; the visit was not saved."));
            return;
        }
        var values = Fields.ToDictionary(f => f, f => args.Field(f) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null);
        var errors = new Dictionary<string, string>();
        var visit = new FollowUpVisit { RemainingRisk = values["risk"], Note = values["note"] };
        if (!DateOnly.TryParseExact(values["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors["date"] = ctx.T("请填写回访日期,如 2026-03-05。", "Enter the date of the visit, e.g. 2026-03-05.");
        else if (date > ctx.Today) errors["date"] = ctx.T("回访日期不能晚于今天。", "The visit cannot be after today.");
        else if (date < c.ReceivedOn) errors["date"] = ctx.T($"回访日期不能早于受理日期({ctx.Lang.Date(c.ReceivedOn)})。", $"The visit cannot be before the date received ({c.ReceivedOn:yyyy-MM-dd}).");
        else visit.Date = date;
        if (values["by"] is { } by) visit.By = by.Length > 100 ? by[..100] : by;
        else errors["by"] = ctx.T("请填写回访人。", "Enter who visited.");
        if (MediationLabels.TryParse<Performance>(values["performance"], out var performance)) visit.Performance = performance;
        else errors["performance"] = ctx.T("请选择协议履行情况。", "Choose how the agreement is being performed.");
        if (MediationLabels.TryParse<Satisfaction>(values["satisfaction"], out var satisfaction)) visit.Satisfaction = satisfaction;
        else errors["satisfaction"] = ctx.T("请选择当事人满意度。", "Choose how satisfied the parties are.");
        if (visit.RemainingRisk is { Length: > MediationRules.MaxNoteLength } || visit.Note is { Length: > MediationRules.MaxNoteLength })
            errors["note"] = ctx.T($"说明最多 {MediationRules.MaxNoteLength} 个字。", $"At most {MediationRules.MaxNoteLength} characters.");
        if (errors.Count > 0)
        {
            await ctx.SendCardAsync(MediationFollowUpCard.Build(ctx.Lang, c, ctx.Today, ctx.UserName, values, errors), ctx.T("请修改后重新提交:", "Please correct the form and submit again:"));
            return;
        }
        var saved = store.AddFollowUp(ctx.Workspace.Id, caseNo, visit, MediationReplies.Actor(ctx), ctx.Now)!;
        await replies.SendCaseAsync(ctx, saved, ctx.T($"已记录回访(第 {saved.FollowUps.Count} 次)。", $"Follow-up recorded (visit {saved.FollowUps.Count})."));
    }
}
