using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// The committee's documents as a clerk gets them in Web Chat (a personal chat), in both languages, on the real clock:
/// a case settled in writing, its 协议书 from the case card's button (downloaded and read), a polite no for an unknown
/// case, and the 调解月报 card with its Excel.
/// </summary>
[Collection(JourneyCollection.Name)]
public class MediationDocumentsJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_clerk_prints_the_agreement_of_a_settled_case_and_the_monthly_report(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "mediation-documents");
        var today = Journey.Today;
        var caseNo = $"{today.Year}-001";

        // 1. A case settled today with a written agreement.
        await j.SendAsync(j.T("调解登记", "log mediation"));
        var form = await j.ExpectBotAsync(j.T("人民调解案件登记", "Log a people's mediation case"));
        await j.SelectAsync(form, j.T("纠纷类型", "Type of dispute"), j.T("邻里", "Neighbours"));
        await j.FillAsync(form, j.T("村(社区)", "Village / community"), "青山村");
        await j.FillAsync(form, j.T("当事人1 姓名", "Party 1: name"), "张三");
        await j.FillAsync(form, j.T("当事人1 电话", "Party 1: phone"), "13812341234");
        await j.FillAsync(form, j.T("当事人1 住址", "Party 1: address"), "青山村五组8号");
        await j.FillAsync(form, j.T("当事人2 姓名", "Party 2: name"), "李四");
        await j.FillAsync(form, j.T("简要情况", "Summary"), "张三与李四因宅基地边界发生纠纷");
        await j.FillAsync(form, j.T("调解员", "Mediator(s)"), "王调解");
        await j.SelectAsync(form, j.T("调解状态", "Status"), j.T("调解成功", "Settled"));
        await j.SelectAsync(form, j.T("协议形式", "Agreement form"), j.T("书面", "Written"));
        await j.FillAsync(form, j.T("结案日期", "Date closed"), today.ToString("yyyy-MM-dd"));
        await j.FillAsync(form, j.T("协议内容", "Agreed terms"), "李四于一个月内拆除越界围墙,双方按原界址立界");
        await j.FillAsync(form, j.T("履行方式", "Manner of performance"), "当场立界,围墙自行拆除");
        await j.FillAsync(form, j.T("履行期限", "Performance deadline"), today.AddMonths(1).ToString("yyyy-MM-dd"));
        await j.FillAsync(form, j.T("协议金额", "Amount agreed"), "800");
        await j.ClickAsync(form, j.T("提交登记", "Submit"));
        await j.ExpectBotAsync(j.T($"已登记,案号 {caseNo}", $"Logged as case {caseNo}"));

        // 2. The case card (a personal chat) offers the agreement; its link downloads a .docx with the case in it.
        await j.SendAsync(j.T($"调解 {caseNo}", $"mediation {caseNo}"));
        var opened = await j.ExpectBotAsync(j.T($"调解案件 {caseNo}", $"Mediation case {caseNo}"));
        await j.ClickAsync(opened, j.T("生成协议书", "Agreement document"));
        var offer = await j.ExpectBotAsync(j.T($"人民调解协议书 · {caseNo}", $"Mediation agreement · case {caseNo}"));
        await Assertions.Expect(offer).ToContainTextAsync(j.T("一式 3 份", "3 copies"));
        await j.ScreenshotAsync("agreement");
        var request = j.WaitForRequestAsync(r => r.Url.Contains("/files/", StringComparison.Ordinal));
        await j.ClickAsync(offer, j.T("下载协议书", "Download the agreement"));
        var docx = await j.GetBytesAsync((await request).Url);
        using (var doc = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("人民调解协议书", text);
            Assert.Contains($"（{today.Year}）人调字第001号", text);
            Assert.Contains("甲方：张三", text);
            Assert.Contains("住址：青山村五组8号，联系电话：13812341234。", text);
            Assert.Contains("李四于一个月内拆除越界围墙", text);
            Assert.Contains($"履行期限：{today.AddMonths(1).Year}年{today.AddMonths(1).Month}月{today.AddMonths(1).Day}日前履行完毕。", text);
            Assert.Contains("本协议一式三份", text);
        }

        // 3. A case that does not exist: a polite answer, no link.
        await j.SendAsync(j.T($"协议书 {today.Year}-099", $"agreement {today.Year}-099"));
        await j.ExpectBotAsync(j.T($"没有案号为 {today.Year}-099 的调解案件", $"There is no mediation case {today.Year}-099"));

        // 4. This month's report: the case is received and settled this month; the month before had none.
        await j.SendAsync(j.T("调解月报 本月", "mediation monthly this month"));
        var report = await j.ExpectBotAsync(j.T($"{today.Year}年{today.Month}月人民调解工作统计", $"Mediation monthly report {today:yyyy-MM}"));
        var page = Regex.Replace(await report.InnerTextAsync(), @"\s+", " ");
        Assert.Contains(j.T("受理纠纷(件) 1 0 +1 1", "Cases received 1 0 +1 1"), page);
        Assert.Contains(j.T("调解成功率 100% — — 100%", "Success rate 100% — — 100%"), page);
        Assert.Contains(j.T("协议金额(元) 800 0 +800 800", "Amount agreed (yuan) 800 0 +800 800"), page);
        Assert.Contains(j.T("邻里 1 0 +1 1", "Neighbours 1 0 +1 1"), page);
        Assert.Contains(j.T("书面协议 1 0 +1 1", "Written agreement 1 0 +1 1"), page);
        await j.ScreenshotAsync("monthly");
        var xlsxRequest = j.WaitForRequestAsync(r => r.Url.Contains("/files/", StringComparison.Ordinal));
        await j.ClickAsync(report, j.T("下载 Excel", "Download Excel"));
        using var stream = new MemoryStream(await j.GetBytesAsync((await xlsxRequest).Url));
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "调解月报", excelType: ExcelType.XLSX, startCell: "A3").Cast<IDictionary<string, object?>>().ToList();
        var received = rows.Single(r => r["项目"]?.ToString()?.Trim() == "受理纠纷(件)");
        Assert.Equal(1.0, Convert.ToDouble(received["本月"], System.Globalization.CultureInfo.InvariantCulture));

        // 5. Without a month: the month before on the 1st to 5th (the report is sent up then), otherwise this month.
        var expected = today.Day <= 5 ? today.AddMonths(-1) : today;
        await j.SendAsync(j.T("调解月报", "mediation monthly"));
        await j.ExpectBotAsync(j.T($"{expected.Year}年{expected.Month}月人民调解工作统计", $"Mediation monthly report {expected:yyyy-MM}"));
        j.AssertNoConsoleErrors();
    }
}
