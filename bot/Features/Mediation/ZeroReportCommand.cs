using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 零报告 东岭村 [日期] / zero report VILLAGE: a screening round that found no dispute, in one message. It also answers a
/// waiting 矛盾纠纷排查 (typed "零报告" to its disputes question): that round is saved as a 零报告 of its village.
/// </summary>
internal sealed class ZeroReportCommand(ScreeningReplies replies) : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => ["零报告", "zero report"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "零报告 东岭村", "zero report VILLAGE", "记录某村(社区)本期排查未发现矛盾纠纷", "Record that screening a village found no dispute", 30)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var waiting = RecordScreeningDialog.TakeWaiting(dc);
        var form = new ScreeningFormValues
        {
            ScreenedBy = waiting?.ScreenedBy ?? ctx.UserName, Village = waiting?.Village, Date = waiting?.Date, ZeroReport = true,
        };
        RecordScreeningDialog.Prefill(form, args.Text, ctx.Today, village: true);
        form.Date ??= ctx.Today.ToString("yyyy-MM-dd");
        if (string.IsNullOrWhiteSpace(form.ScreenedBy)) form.ScreenedBy = ctx.T("(未署名)", "(unnamed)");
        if (string.IsNullOrWhiteSpace(form.Village))
        {
            var known = replies.Villages(ctx.Workspace);
            await ctx.SendTextAsync(ctx.T("请写明村(社区),例如“零报告 东岭村”,可加日期“零报告 东岭村 12月1日”。", "Name the village, e.g. \"zero report Dongling\", optionally with a date.")
                + (known.Count > 0 ? ctx.T($"\n本群的村(社区):{string.Join("、", known)}", $"\nThis group's villages: {string.Join(", ", known)}") : ""));
            return;
        }
        var validation = ScreeningValidator.Validate(ctx.Lang, form, ctx.Today);
        if (!validation.IsValid)
        {
            await ctx.SendTextAsync(ctx.T("零报告未保存:", "The zero report was not saved:") + "\n" + string.Join("\n", validation.Errors.Values.Select(e => "· " + e)));
            return;
        }
        await replies.SaveAndReplyAsync(ctx, validation.Round!, RecordScreeningDialog.NewFormId(), fromCard: false);
    }
}
