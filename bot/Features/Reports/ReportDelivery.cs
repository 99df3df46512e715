using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Bot.Hosting;
using ChatBot.Cards.AdaptiveCards;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Reports;

/// <summary>
/// What 年度报告 and 工作总结 share: who may have the report and where, and the download link. The report lists case
/// numbers and people's names, so like the mediation ledger it is offered only in a personal chat, to an admin of the
/// workspace that chat acts on (the group the user last spoke in: <see cref="WorkspaceResolver"/>).
/// </summary>
internal sealed class ReportDelivery(ReportFiguresReader reader, ReportCharts charts, MediationReplies privacy, MediationDownloads downloads, IOptions<BotOptions> options,
    IHttpContextAccessor? http = null)
{
    public async Task SendAsync(TurnContext ctx, ReportPeriod period, string command)
    {
        var workspace = ctx.Workspace;
        var name = WorkspaceName(ctx);
        if (ctx.IsGroup)
        {
            await ctx.SendTextAsync(ctx.T(
                $"报告含调解案号、人员姓名等信息,请在与我的私聊中发送“{command}”。私聊时我按您最近发言的群生成报告,即“{name}”。",
                $"The report lists case numbers and people's names, so please ask for it in a personal chat with me: \"{command}\". There I report on the group you last spoke in, \"{name}\"."));
            return;
        }
        if (privacy.MaskPersonalData(ctx))
        {
            await ctx.SendTextAsync(ctx.T($"您不是“{name}”的成员,不能生成它的报告。", $"You are not a member of \"{name}\", so you cannot have its report."));
            return;
        }
        if (!workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T($"只有“{name}”的管理员可以生成报告。发送“管理员”可查看管理员。",
                $"Only an admin of \"{name}\" can produce the report. Send \"admins\" to see who they are."));
            return;
        }
        await ctx.SendTypingAsync();
        var figures = reader.Read(workspace, period, ctx.Now, ctx.TimeZone, ctx.Today);
        var bytes = ReportDocument.Build(ctx.Lang, figures, place => charts.For(ctx.Lang, workspace, figures, place));
        var fileName = period.FileName(ctx.Lang);
        var token = downloads.Add(workspace.Id, fileName, ReportDocument.ContentType, bytes);
        var url = $"{PublicBaseUrl.For(options.Value.PublicBaseUrl, http?.HttpContext?.Request)}/files/{token}";
        var title = period.Title(ctx.Lang);
        var summary = ctx.T(
            $"“{name}”{title}(草稿)已生成:调解{figures.Mediation.Total.Received}起、学法{figures.Study.Held}次、督办任务{figures.Supervision.Total.Tasks}项。标有【待补充】的地方请补写。下载链接 30 分钟内有效。",
            $"The draft {title} for \"{name}\" is ready: {figures.Mediation.Total.Received} cases, {figures.Study.Held} study sessions, {figures.Supervision.Total.Tasks} plan tasks. Fill in the parts marked 【待补充】. The link is valid for 30 minutes.");
        if (ctx.Capabilities.AdaptiveCards)
            await ctx.SendCardAsync(new AdaptiveCard()
                    .Add(TextBlock.Heading(title), new TextBlock(summary))
                    .AddAction(new OpenUrlAction { Title = ctx.T("下载 Word 文档", "Download the Word document"), Url = url }));
        else
            await ctx.SendTextAsync($"{summary}\n{url}");
    }

    private static string WorkspaceName(TurnContext ctx) =>
        ctx.Workspace.Name is { Length: > 0 } n ? n : ctx.T("本群", "this group");
}
