using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Storage.Board;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.Board;

/// <summary>
/// 公开看板 / public board (admins): the link of the workspace's read-only progress board for the lobby screen. The
/// same link until 关闭看板; after that a new one.
/// </summary>
internal sealed class PublicBoardCommand(BoardStore boards, IOptions<BotOptions> options, IHttpContextAccessor? http = null) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["公开看板", "电子屏", "public board"];
    public IEnumerable<CommandHelp> Help =>
        [new("工作计划督办", "Plan tasks", "公开看板", "public board", "大厅电子屏用的只读进度看板链接(管理员)", "A read-only progress board link for the lobby screen (admins)", 41)];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var ctx = dc.Context;
        if (!ctx.Workspace.IsAdmin(ctx.UserKey))
        {
            await ctx.SendTextAsync(ctx.T("只有本群的管理员可以公开看板。发送“管理员”可查看管理员。", "Only this group's admins can publish the board. Send \"admins\" to see who they are."));
            return;
        }
        var link = boards.Open(ctx.Workspace.Id, ctx.UserKey, ctx.Now);
        var url = Url(PublicBaseUrl(), link.Token);
        var text = ctx.T($"公开看板(只读,供大厅电子屏全屏显示,每5分钟自动刷新;只显示任务进度和汇总数字,不含当事人信息):\n{url}\n发送“关闭看板”可停用此链接。",
            $"Public board (read-only, full screen for the lobby display, refreshes every 5 minutes; task progress and totals only, no personal data):\n{url}\nSend \"close board\" to turn this link off.");
        if (!ctx.Capabilities.AdaptiveCards)
        {
            await ctx.SendTextAsync(text);
            return;
        }
        var card = new AdaptiveCard()
            .Add(TextBlock.Title(ctx.T("公开看板", "Public board")))
            .Add(new TextBlock(ctx.T("只读页面,供大厅电子屏全屏显示,每5分钟自动刷新。只显示任务进度和汇总数字,不含当事人姓名和电话。发送“关闭看板”可停用此链接。",
                "A read-only page for the lobby screen, refreshing every 5 minutes. It shows task progress and totals only, no names or phone numbers of parties. Send \"close board\" to turn the link off.")) { Wrap = true })
            .Add(new TextBlock(url) { Wrap = true, Size = "Small" });
        card.AddAction(new OpenUrlAction { Title = ctx.T("打开看板", "Open the board"), Url = url });
        await ctx.SendCardAsync(card, text);
    }

    private string PublicBaseUrl() => ChatBot.Bot.Hosting.PublicBaseUrl.For(options.Value.PublicBaseUrl, http?.HttpContext?.Request);

    public static string Url(string baseUrl, string token) => $"{baseUrl}/board/{token}";
}
