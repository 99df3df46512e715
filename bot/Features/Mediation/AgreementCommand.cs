using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Hosting;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// 协议书 2026-014 / agreement 2026-014 (also the case card's button): the 人民调解协议书 .docx of a settled case with a
/// written agreement, as a download link valid for 30 minutes. It holds the parties' personal data, so like the ledger
/// it is given only in a personal chat of a workspace member.
/// </summary>
internal sealed class AgreementCommand(MediationReplies replies, MediationDownloads downloads, IOptions<MediationOptions> mediation,
    IOptions<BotOptions> options, IHttpContextAccessor? http = null) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["协议书", "调解协议书", "agreement", "mediation agreement"];
    public IReadOnlyList<string> Verbs => [MediationCaseCards.AgreementVerb];
    public IEnumerable<CommandHelp> Help =>
        [new("人民调解", "Mediation", "协议书 2026-014", "agreement 2026-014", "生成人民调解协议书(Word,仅限私聊)", "The written mediation agreement as a Word document (personal chat only)", 27)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        var caseNo = args.TextOr("caseNo");
        if (replies.MaskPersonalData(ctx))
        {
            var example = string.IsNullOrWhiteSpace(caseNo) ? "2026-014" : caseNo.Trim();
            await ctx.SendTextAsync(ctx.T($"协议书含当事人姓名、住址和电话,为保护个人信息,请在与我的私聊中发送“协议书 {example}”。",
                $"The agreement contains the parties' names, addresses and phone numbers. To protect them, please ask for it in a personal chat with me: \"agreement {example}\"."));
            return;
        }
        var c = await replies.FindCaseAsync(ctx, caseNo);
        if (c is null) return;
        if (!AgreementDocument.CanPrint(c))
        {
            await ctx.SendTextAsync(c.Status != MediationStatus.Succeeded
                ? ctx.T($"案件 {c.CaseNo} 尚未调解成功(目前:{ctx.Lang.Of(c.Status)}),没有可打印的协议书。",
                    $"Case {c.CaseNo} has not been settled (now: {ctx.Lang.Of(c.Status)}), so there is no agreement to print.")
                : ctx.T($"案件 {c.CaseNo} 达成的是口头协议,不制作协议书;协议内容已记录在案件和台账中。",
                    $"Case {c.CaseNo} was settled by an oral agreement, which has no agreement document; its content is recorded on the case and in the ledger."));
            return;
        }
        var bytes = AgreementDocument.Build(c, mediation.Value.CommitteeNameFor(ctx.Workspace), ctx.Today);
        var token = downloads.Add(ctx.Workspace.Id, AgreementDocument.FileName(c), AgreementDocument.ContentType, bytes);
        var url = $"{PublicBaseUrl.For(options.Value.PublicBaseUrl, http?.HttpContext?.Request)}/files/{token}";
        if (ctx.Capabilities.AdaptiveCards)
            await ctx.SendCardAsync(new AdaptiveCard()
                .Add(TextBlock.Heading(ctx.T($"人民调解协议书 · {c.CaseNo}", $"Mediation agreement · case {c.CaseNo}")),
                    new TextBlock(ctx.T($"协议书(Word,A4)已生成,一式 {c.Parties.Count + 1} 份:打印后由当事人签名或按指印、调解员签名并加盖调委会印章。链接 30 分钟内有效。",
                        $"The agreement (Word, A4, in Chinese) is ready, {c.Parties.Count + 1} copies: print them for the parties to sign or fingerprint, the mediators to sign and the committee to seal. The link is valid for 30 minutes.")))
                .AddAction(new OpenUrlAction { Title = ctx.T("下载协议书", "Download the agreement"), Url = url }));
        else
            await ctx.SendTextAsync(ctx.T($"案件 {c.CaseNo} 的人民调解协议书,下载链接 30 分钟内有效:\n{url}", $"The mediation agreement of case {c.CaseNo}; the link is valid for 30 minutes:\n{url}"));
    }
}
