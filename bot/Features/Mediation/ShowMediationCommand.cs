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
