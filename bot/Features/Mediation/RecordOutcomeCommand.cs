using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>调解结果 2026-014 / outcome 2026-014.</summary>
internal sealed class RecordOutcomeCommand(MediationReplies replies) : CaseDialogCommand(RecordOutcomeDialog.DialogId, replies)
{
    public override IReadOnlyList<string> Aliases => ["调解结果", "outcome", "mediation outcome"];
    public override IReadOnlyList<string> Verbs => [MediationCaseCards.OutcomeVerb];
    public override IEnumerable<CommandHelp> Help => [new("人民调解", "Mediation", "调解结果 2026-014", "outcome 2026-014", "记录调解结果(成功/不成功/移交)", "Record the outcome (settled, not settled, referred)", 25)];

    protected override ChatBot.Cards.AdaptiveCards.AdaptiveCard Form(ChatBot.Bot.Conversation.TurnContext ctx, ChatBot.Storage.Mediation.MediationCase c) =>
        MediationOutcomeCard.Build(ctx.Lang, c, ctx.Today);
}
