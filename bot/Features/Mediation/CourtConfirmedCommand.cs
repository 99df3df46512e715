using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>司法确认 2026-014 [2026-03-28]: the court confirmed a settled case's agreement (counted in the monthly report; stops the day-20 reminder).</summary>
internal sealed class CourtConfirmedCommand(MediationReplies replies) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["司法确认", "court confirmed"];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "司法确认 2026-014 [日期]", "court confirmed 2026-014 [date]", "记录调解协议已经法院司法确认", "Record that a court confirmed the agreement", 28)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var parts = Recognizers.ToHalfWidth(args.Text).Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var c = await replies.FindCaseAsync(ctx, parts.ElementAtOrDefault(0));
        if (c is null) return;
        if (c.Status != MediationStatus.Succeeded)
        {
            await ctx.SendTextAsync(ctx.T($"案件 {c.CaseNo} 未调解成功,没有可确认的协议。", $"Case {c.CaseNo} was not settled; there is no agreement to confirm."));
            return;
        }
        var on = ctx.Today;
        if (parts.Length > 1 && (!DateOnly.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out on) || on > ctx.Today || (c.ClosedOn is { } closed && on < closed)))
        {
            await ctx.SendTextAsync(ctx.T("确认日期应为结案后、不晚于今天的日期,如 2026-03-28。", "The date must be after the case was closed and not after today, like 2026-03-28."));
            return;
        }
        var saved = replies.Store.RecordCourtConfirmation(ctx.Workspace.Id, c.CaseNo, on, MediationReplies.Actor(ctx), ctx.Now)!;
        await replies.SendCaseAsync(ctx, saved, ctx.T($"已记录司法确认({ctx.Lang.Date(on)})。", $"Court confirmation recorded ({on:yyyy-MM-dd})."));
    }
}
