using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 延长调解 2026-014 原因 [至 2026-05-10]: records an extension the parties agreed to (若干规定 §36) and the new limit —
/// the date given, else one month after the current limit. Only an open case can be extended.
/// </summary>
internal sealed partial class ExtendMediationCommand(MediationReplies replies) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["延长调解", "延期调解", "extend mediation"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "延长调解 2026-014 原因", "extend mediation 2026-014 reason", "经双方同意延长调解期限(默认再延一个月)", "Extend the time limit with both parties' agreement (by a month unless a date is given)", 27)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var m = Pattern().Match(Recognizers.ToHalfWidth(args.Text).Trim());
        if (!m.Success || string.IsNullOrWhiteSpace(m.Groups["reason"].Value))
        {
            await ctx.SendTextAsync(ctx.T("请写明案号和延长原因,例如“延长调解 2026-014 双方同意待鉴定结果后再调”,可加“至 2026-05-10”。",
                "Give the case number and the reason, e.g. \"extend mediation 2026-014 both parties wait for the assessment\", optionally \"to 2026-05-10\"."));
            return;
        }
        var c = await replies.FindCaseAsync(ctx, m.Groups["case"].Value);
        if (c is null) return;
        if (!c.IsOpen)
        {
            await ctx.SendTextAsync(ctx.T($"案件 {c.CaseNo} 已结案({ctx.Lang.Of(c.Status)}),无需延长。", $"Case {c.CaseNo} is closed ({ctx.Lang.Of(c.Status)}); there is nothing to extend."));
            return;
        }
        var newLimit = c.TimeLimit.AddMonths(1);
        if (m.Groups["to"].Success)
        {
            if (!DateOnly.TryParse(m.Groups["to"].Value, System.Globalization.CultureInfo.InvariantCulture, out newLimit) || newLimit <= c.TimeLimit)
            {
                await ctx.SendTextAsync(ctx.T($"新的期限应晚于现在的期限({ctx.Lang.Date(c.TimeLimit)}),格式如 2026-05-10。", $"The new limit must be after the current one ({c.TimeLimit:yyyy-MM-dd}), like 2026-05-10."));
                return;
            }
        }
        var reason = m.Groups["reason"].Value.Trim();
        if (reason.Length > MediationRules.MaxNoteLength) reason = reason[..MediationRules.MaxNoteLength];
        var saved = replies.Store.Extend(ctx.Workspace.Id, c.CaseNo, new MediationExtension { RecordedOn = ctx.Today, Reason = reason, NewLimit = newLimit }, MediationReplies.Actor(ctx), ctx.Now)!;
        await replies.SendCaseAsync(ctx, saved, ctx.T($"已延长调解期限至 {ctx.Lang.Date(newLimit)}(原因:{reason})。", $"The time limit is extended to {newLimit:yyyy-MM-dd} (reason: {reason})."));
    }

    [GeneratedRegex(@"^(?<case>\d{4}\s*-\s*\d{1,5})\s*(?<reason>.*?)\s*(?:(?:至|到|to|until)\s*(?<to>\d{4}-\d{1,2}-\d{1,2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
