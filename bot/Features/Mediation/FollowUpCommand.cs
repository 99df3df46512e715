using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>回访 2026-014 / follow up 2026-014.</summary>
internal sealed class FollowUpCommand(MediationReplies replies) : CaseDialogCommand(AddFollowUpDialog.DialogId, replies)
{
    public override IReadOnlyList<string> Aliases => ["回访", "添加回访", "follow up", "followup", "follow-up"];
    public override IReadOnlyList<string> Verbs => [MediationCaseCards.FollowUpVerb];
    public override IEnumerable<CommandHelp> Help => [new("人民调解", "Mediation", "回访 2026-014", "follow up 2026-014", "记录一次回访及协议履行情况", "Record a follow-up visit and whether the agreement is kept", 24)];

    protected override ChatBot.Cards.AdaptiveCards.AdaptiveCard Form(ChatBot.Bot.Conversation.TurnContext ctx, ChatBot.Storage.Mediation.MediationCase c) =>
        MediationFollowUpCard.Build(ctx.Lang, c, ctx.Today, ctx.UserName);
}
