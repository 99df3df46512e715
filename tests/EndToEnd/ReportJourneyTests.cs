using ChatBot.Tests.Reports;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 年度报告 (#26) in Web Chat on the real clock, in both languages: a plan with one overdue task, then the report of this
/// year by the card's download button; the file is a valid .docx whose figures are the task's. The office's Web Chat is
/// a personal chat of a workspace with no admins, so the clerk gets the link (the group's polite note to ask in a
/// personal chat is tested in-process: ReportDeliveryTests, as the page has no group chat).
/// </summary>
[Collection(JourneyCollection.Name)]
public class ReportJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_clerk_downloads_the_year_report_draft(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "report");
        var today = Journey.Today;
        var overdueOn = today.AddDays(-5);
        var year = overdueOn.Year;
        static string Zh(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

        await j.SendAsync(j.T("导入计划", "import plan"));
        await j.ExpectBotAsync(j.T("或直接粘贴计划全文", "or paste the plan text"));
        await j.SendAsync($"""
            {year}年法治政府建设工作要点
            (一)依法全面履行政府职能
            1.修订村规民约。(完成时限:{Zh(overdueOn)};牵头单位:司法所;责任人:张三)
            """);
        var preview = await j.ExpectBotAsync(j.T("导入预览", "Import preview"));
        await j.ClickAsync(preview, j.T("确认导入", "Import"));
        await j.ExpectBotAsync(j.T("新增 1 项", "1 new"));

        await j.SendAsync(j.T($"年度报告 {year}", $"annual report {year}"));
        var card = await j.ExpectBotAsync(j.T($"{year}年度法治政府建设情况报告", $"Report on building a law-based government, {year}"));
        await Assertions.Expect(card).ToContainTextAsync(j.T("督办任务1项", "1 plan tasks"));
        await j.ScreenshotAsync("annual-report");
        var request = j.WaitForRequestAsync(r => r.Url.Contains("/files/", StringComparison.Ordinal));
        await j.ClickAsync(card, j.T("下载 Word 文档", "Download the Word document"));
        var bytes = await j.GetBytesAsync((await request).Url);

        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Select(e => e.Description).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
        var text = ReportFile.Text(bytes);
        Assert.Contains(j.T($"{year}年纳入督办的重点工作任务共1项,已办结0项", $"1 key tasks were supervised in {year}: 0 done"), text);
        Assert.Contains(j.T("修订村规民约", "修订村规民约"), text);
        Assert.Contains(j.T("【待补充:", "【待补充:"), text);

        await j.SendAsync(j.T($"工作总结 {year}年第五季度", $"work summary {year}Q5"));
        await j.ExpectBotAsync(j.T("请写期间", "Give the period"));
        j.AssertNoConsoleErrors();
    }
}
