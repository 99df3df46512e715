using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>调解 2026-014 / mediation 2026-014: one case, with buttons to add a follow-up or record the outcome.</summary>
internal sealed class ShowMediationCommand(MediationReplies replies, ListMediationsCommand list) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["调解", "查看调解", "mediation", "show mediation"];
    public IReadOnlyList<string> Verbs => [MediationCaseCards.ShowVerb];
    public IEnumerable<CommandHelp> Help => [new("人民调解", "Mediation", "调解 2026-014", "mediation 2026-014", "查看一起调解案件", "Show one mediation case", 22)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var caseNo = args.TextOr("caseNo");
        if (string.IsNullOrWhiteSpace(caseNo))
        {
            await list.ExecuteAsync(dc, CommandArgs.None, ct);
            return;
        }
        if (await replies.FindCaseAsync(ctx, caseNo) is { } c) await replies.SendCaseAsync(ctx, c);
    }
}

/// <summary>A command that begins a case dialog with the case number typed after it or carried by the card button.</summary>
internal abstract class CaseDialogCommand(string dialogId, MediationReplies replies) : IBotCommand
{
    public abstract IReadOnlyList<string> Aliases { get; }
    public abstract IReadOnlyList<string> Verbs { get; }
    public abstract IEnumerable<CommandHelp> Help { get; }
    public string? BeginsDialog => dialogId;

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var c = await replies.FindCaseAsync(dc.Context, args.TextOr("caseNo"));
        if (c is null) return;
        await dc.BeginDialogAsync(dialogId, new JsonObject { ["caseNo"] = c.CaseNo }, ct);
    }
}

/// <summary>回访 2026-014 / follow up 2026-014.</summary>
internal sealed class FollowUpCommand(MediationReplies replies) : CaseDialogCommand(AddFollowUpDialog.DialogId, replies)
{
    public override IReadOnlyList<string> Aliases => ["回访", "添加回访", "follow up", "followup", "follow-up"];
    public override IReadOnlyList<string> Verbs => [MediationCaseCards.FollowUpVerb];
    public override IEnumerable<CommandHelp> Help => [new("人民调解", "Mediation", "回访 2026-014", "follow up 2026-014", "记录一次回访及协议履行情况", "Record a follow-up visit and whether the agreement is kept", 24)];
}

/// <summary>调解结果 2026-014 / outcome 2026-014.</summary>
internal sealed class RecordOutcomeCommand(MediationReplies replies) : CaseDialogCommand(RecordOutcomeDialog.DialogId, replies)
{
    public override IReadOnlyList<string> Aliases => ["调解结果", "outcome", "mediation outcome"];
    public override IReadOnlyList<string> Verbs => [MediationCaseCards.OutcomeVerb];
    public override IEnumerable<CommandHelp> Help => [new("人民调解", "Mediation", "调解结果 2026-014", "outcome 2026-014", "记录调解结果(成功/不成功/移交)", "Record the outcome (settled, not settled, referred)", 25)];
}
