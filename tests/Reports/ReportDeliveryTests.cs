using System.Text.RegularExpressions;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Features.Mediation;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;

namespace ChatBot.Tests.Reports;

/// <summary>Who gets the report and where: a personal chat of an admin of the workspace, like the mediation ledger.</summary>
public class ReportDeliveryTests
{
    private const string GroupName = "城关镇依法行政工作群";

    private static Activity InGroup(string text, string user = "user-1", string locale = "zh-CN")
    {
        var a = Activities.GroupMention(text, user, locale: locale);
        a.Conversation!.Name = GroupName;
        return a;
    }

    [Fact]
    public async Task In_a_group_it_asks_politely_for_a_personal_chat_and_names_the_group()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var replies = await host.SendAsync(InGroup("年度报告 2026"));
        var text = replies.AllText();
        Assert.Contains("请在与我的私聊中发送“年度报告 2026”", text);
        Assert.Contains($"即“{GroupName}”", text);
        Assert.DoesNotContain("/files/", text);

        var en = (await host.SendAsync(InGroup("work summary 2026 H1", locale: "en-US"))).AllText();
        Assert.Contains("please ask for it in a personal chat with me: \"work summary 2026 H1\"", en);
        Assert.Contains($"\"{GroupName}\"", en);
    }

    [Fact]
    public async Task In_a_personal_chat_an_admin_gets_a_link_to_a_valid_docx_of_the_group_they_last_spoke_in()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        await host.SendAsync(InGroup("帮助"));
        var replies = await host.SendAsync(Activities.Message("年度报告 2026", "user-1", "personal-1"));
        var text = replies.AllText();
        Assert.Contains($"“{GroupName}”2026年度法治政府建设情况报告(草稿)已生成:调解0起、学法0次、督办任务0项", text);
        Assert.Contains("下载 Word 文档", text);
        var token = Regex.Match(text, @"/files/([A-Za-z0-9_-]{40,})").Groups[1].Value;
        var file = host.Service<MediationDownloads>().Find(token)!;
        Assert.Equal(ReportDataset.Ws, file.WorkspaceId);
        Assert.Equal("2026年度法治政府建设情况报告.docx", file.FileName);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(file.Content), false))
        {
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        var body = ReportFile.Text(file.Content);
        Assert.Contains("2026年系统中没有受理的矛盾纠纷记录。【待补充:人民调解情况】", body);
        Assert.Contains("2026年系统中没有已举办的学法活动记录。", body);
        Assert.Contains("2026年系统中没有督办任务记录。", body);

        var en = (await host.SendAsync(Activities.Message("annual report 2026", "user-1", "personal-1", locale: "en-US"))).AllText();
        Assert.Contains($"The draft Report on building a law-based government, 2026 for \"{GroupName}\" is ready", en);
    }

    [Fact]
    public async Task Only_admins_and_only_with_a_readable_period()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        await host.SendAsync(InGroup("帮助", "user-1"));
        await host.SendAsync(InGroup("帮助", "user-2"));
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(ReportDataset.Ws)!;
        ws.Admins.Add("msteams:user-2");
        workspaces.Save(ws);

        var refused = (await host.SendAsync(Activities.Message("年度报告 2026", "user-1", "personal-1"))).AllText();
        Assert.Contains($"只有“{GroupName}”的管理员可以生成报告", refused);
        Assert.DoesNotContain("/files/", refused);
        Assert.Contains("/files/", (await host.SendAsync(Activities.Message("年度报告", "user-2", "personal-2"))).AllText());

        Assert.Contains("请写年份,例如“年度报告 2026”", (await host.SendAsync(Activities.Message("年度报告 2026上半年", "user-2", "personal-2"))).AllText());
        Assert.Contains("请写期间,例如“工作总结 2026上半年”", (await host.SendAsync(Activities.Message("工作总结", "user-2", "personal-2"))).AllText());
        Assert.Contains("请写期间", (await host.SendAsync(Activities.Message("工作总结 明年", "user-2", "personal-2"))).AllText());
        var summary = (await host.SendAsync(Activities.Message("工作总结 2026Q3", "user-2", "personal-2"))).AllText();
        Assert.Contains("2026年第三季度法治政府建设工作总结(草稿)已生成", summary);
    }
}
