using Microsoft.Playwright;
using MiniExcelLibs;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 人民调解 as a clerk does it in Web Chat, in both languages, on the real clock: the registration card (first with
/// mistakes the card and then the server catch), the step-by-step dialog, the list, a case, a 回访, the outcome, the
/// figures and the Excel ledger, opened and read.
/// </summary>
[Collection(JourneyCollection.Name)]
public class MediationJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN", "litedb")]
    [InlineData("en-US", "litedb")]
    [InlineData("zh-CN", "postgres")] // a county's deployment: the same journey on PostgreSQL
    public async Task A_clerk_logs_two_cases_follows_them_up_and_exports_the_ledger(string locale, string storage)
    {
        await using var j = await Journey.StartAsync(browser, locale, storage == "litedb" ? "mediation" : $"mediation-{storage}", storage);
        var year = Journey.Today.Year;
        var first = $"{year}-001";
        var second = $"{year}-002";

        // 1. The registration card.
        await j.SendAsync(j.T("调解登记", "log mediation"));
        var form = await j.ExpectBotAsync(j.T("人民调解案件登记", "Log a people's mediation case"));
        await j.ScreenshotAsync("card");

        // 2. Submitting it empty: the card itself says what is missing, and nothing reaches the bot.
        await j.ClickAsync(form, j.T("提交登记", "Submit"));
        await Assertions.Expect(form).ToContainTextAsync(j.T("请填写村(社区)", "Enter the village or community"));
        await Assertions.Expect(form).ToContainTextAsync(j.T("请至少填写一位当事人", "Enter at least one party"));
        await Assertions.Expect(form).ToContainTextAsync(j.T("请选择一项", "Please choose one"));

        // 3. What only the server knows: a settled case needs the agreement form, its terms and a performance deadline
        //    (人民调解法 §28/§29); the amount cannot be negative.
        await j.SelectAsync(form, j.T("纠纷类型", "Type of dispute"), j.T("邻里", "Neighbours"));
        await j.FillAsync(form, j.T("村(社区)", "Village / community"), "青山村");
        await j.FillAsync(form, j.T("当事人1 姓名", "Party 1: name"), "张三");
        await j.FillAsync(form, j.T("当事人1 电话", "Party 1: phone"), "13812341234");
        await j.FillAsync(form, j.T("当事人2 姓名", "Party 2: name"), "李四");
        await j.FillAsync(form, j.T("涉及金额", "Amount involved"), "-5");
        await j.FillAsync(form, j.T("简要情况", "Summary"), j.T("张三与李四因宅基地边界发生纠纷", "Zhang San and Li Si disagree about a homestead boundary"));
        await j.FillAsync(form, j.T("调解员", "Mediator(s)"), "王调解");
        await j.SelectAsync(form, j.T("调解状态", "Status"), j.T("调解成功", "Settled"));
        await j.ClickAsync(form, j.T("提交登记", "Submit"));
        await j.ExpectBotAsync(j.T("请修改后重新提交", "Please correct the form and submit again"));
        var reshown = await j.ExpectBotAsync(j.T("有 4 处需要修改", "4 field(s) need fixing"));
        await Assertions.Expect(reshown).ToContainTextAsync(j.T("调解成功的案件请选择协议形式(口头/书面)。", "A settled case needs the agreement form (oral or written)."));
        await Assertions.Expect(reshown).ToContainTextAsync(j.T("调解成功的案件请填写履行期限", "A settled case needs a performance deadline"));
        await Assertions.Expect(reshown).ToContainTextAsync(j.T("涉及金额应为不小于 0 的数字(元)。", "The amount must be a number of at least 0 (yuan)."));
        await Assertions.Expect(reshown.GetByLabel(j.T("村(社区)", "Village / community")).First).ToHaveValueAsync("青山村"); // nothing to type again
        await j.ScreenshotAsync("server-errors");

        // 4. Corrected, it is saved with the first case number of the year.
        await j.FillAsync(reshown, j.T("涉及金额", "Amount involved"), "5000");
        await j.SelectAsync(reshown, j.T("协议形式", "Agreement form"), j.T("口头", "Oral"));
        await j.FillAsync(reshown, j.T("协议内容", "Agreed terms"), j.T("双方按原界址重新立界", "Both sides mark the old boundary again"));
        await j.FillAsync(reshown, j.T("履行期限", "Performance deadline"), Journey.Today.ToString("yyyy-MM-dd"));
        await j.ClickAsync(reshown, j.T("提交登记", "Submit"));
        var saved = await j.ExpectBotAsync(j.T($"调解案件 {first}", $"Mediation case {first}"));
        await j.ExpectBotAsync(j.T($"已登记,案号 {first}", $"Logged as case {first}"));
        await Assertions.Expect(saved).ToContainTextAsync("张三 13812341234");
        await Assertions.Expect(saved).ToContainTextAsync("5,000");
        await j.ScreenshotAsync("logged");

        // 5. The step-by-step dialog: the clerk answers the card in words; that answer is the date received.
        await j.SendAsync(j.T("调解登记", "log mediation"));
        await j.ExpectBotAsync(j.T("人民调解案件登记", "Log a people's mediation case"));
        await j.SendAsync(j.T("今天", "today"));
        var source = await j.ExpectBotAsync(j.T("纠纷来源?", "Where did the case come from?"));
        await j.ClickAsync(source, j.T("主动调解(排查发现)", "Own initiative (found by screening)"));
        var type = await j.ExpectBotAsync(j.T("纠纷类型?", "Type of dispute?"));
        await PickAsync(j, type, j.T("婚姻家庭", "Marriage and family"));
        await j.ExpectBotAsync(j.T("所在村(社区)?", "Which village or community?"));
        await j.SendAsync("红旗社区");
        await j.ExpectBotAsync(j.T("当事人姓名,可加性别", "The parties' names, optionally"));
        await j.SendAsync(j.T("王五 0571-87654321、赵六", "Wang Wu 0571-87654321, Zhao Liu"));
        await j.ExpectBotAsync(j.T("涉及人数?", "How many people are involved?"));
        await j.SendAsync("2");
        await j.ExpectBotAsync(j.T("涉及金额(元)?", "Amount involved (yuan)?"));
        await j.SendAsync(j.T("跳过", "skip"));
        await j.ExpectBotAsync(j.T("简要情况?", "Summary?"));
        await j.SendAsync(j.T("夫妻因抚养费发生争执", "A couple disagree about child support"));
        await j.ExpectBotAsync(j.T("调解员?", "Mediator(s)?"));
        await j.SendAsync("王调解");
        var status = await j.ExpectBotAsync(j.T("目前的调解状态?", "Current status?"));
        await j.ClickAsync(status, j.T("调解中", "In mediation"));
        var flags = await j.ExpectBotAsync(j.T("是否重大疑难或群体性纠纷?", "Is it a major/difficult or a group dispute?"));
        await j.ClickAsync(flags, j.T("重大疑难", "Major/difficult"));
        var confirm = await j.ExpectBotAsync(j.T("确认保存吗?", "Save this case?"));
        await Assertions.Expect(confirm).ToContainTextAsync(j.T("王五 0571-87654321", "Wang Wu 0571-87654321"));
        await Assertions.Expect(confirm).ToContainTextAsync("红旗社区");
        await j.ScreenshotAsync("text-dialog-confirm");
        await j.ClickAsync(confirm, j.T("是", "Yes"));
        await j.ExpectBotAsync(j.T($"已登记,案号 {second}", $"Logged as case {second}"));

        // 6. The list, newest first; a click opens the case.
        await j.SendAsync(j.T("调解列表", "mediations"));
        var list = await j.ExpectBotAsync(j.T("共 2 件", "2 case(s)"));
        var text = await list.InnerTextAsync();
        Assert.True(text.IndexOf(second, StringComparison.Ordinal) < text.IndexOf(first, StringComparison.Ordinal), text);
        await Assertions.Expect(list).ToContainTextAsync(j.T("婚姻家庭", "Marriage and family"));
        await j.ScreenshotAsync("list");
        await j.ClickItemAsync(list, first);
        var opened = await j.ExpectBotAsync(j.T($"调解案件 {first}", $"Mediation case {first}"));
        await Assertions.Expect(opened).ToContainTextAsync("青山村");

        // 7. A 回访 from the case card: the button opens the follow-up form (date and visitor filled in).
        await j.ClickAsync(opened, j.T("添加回访", "Add follow-up"));
        var visit = await j.ExpectBotAsync(j.T($"回访记录 · {first}", $"Follow-up visit · case {first}"));
        await j.FillAsync(visit, j.T("回访人", "Visited by"), "王调解");
        await j.SelectAsync(visit, j.T("协议履行情况", "Performance of the agreement"), j.T("已履行", "Fulfilled"));
        await j.SelectAsync(visit, j.T("当事人满意度", "Parties' satisfaction"), j.T("满意", "Satisfied"));
        await j.FillAsync(visit, j.T("回访情况说明", "Note"), j.T("双方已按协议重新立界", "The boundary was marked again as agreed"));
        await j.ClickAsync(visit, j.T("保存回访", "Save visit"));
        var visited = await j.ExpectBotAsync(j.T("回访记录(1 次)", "Follow-up visits (1)"));
        await j.ExpectBotAsync(j.T("已记录回访(第 1 次)", "Follow-up recorded (visit 1)"));
        await Assertions.Expect(visited).ToContainTextAsync(j.T("双方已按协议重新立界", "The boundary was marked again as agreed"));

        // 8. The outcome of the second case, by its command.
        await j.SendAsync(j.T($"调解结果 {second}", $"outcome {second}"));
        var outcome = await j.ExpectBotAsync(j.T($"案件 {second} 的调解结果(状态)?", $"Outcome (status) of case {second}?"));
        await j.ClickAsync(outcome, j.T("调解不成功", "Not settled"));
        await j.ExpectBotAsync(j.T("结案日期?", "Date closed?"));
        await j.SendAsync(j.T("今天", "today"));
        await j.ExpectBotAsync(j.T("结果说明?", "A note?"));
        await j.SendAsync(j.T("双方分歧较大,引导起诉", "Too far apart; advised to go to court"));
        await j.ExpectBotAsync(j.T("已更新调解结果:调解不成功。", "Outcome recorded: Not settled."));
        await j.ScreenshotAsync("outcome");

        // 9. The figures for the yearly report.
        await j.SendAsync(j.T("调解统计", "mediation stats"));
        var stats = await j.ExpectBotAsync(j.T(
            "受理2起,调解2起,调解成功1起,成功率50%;口头协议1起,书面协议0起。",
            "Received 2, mediated 2, settled 1, success rate 50%; oral agreements 1, written 0."));
        await Assertions.Expect(stats).ToContainTextAsync(j.T($"{year}年人民调解统计", $"{year}"));
        await Assertions.Expect(stats).ToContainTextAsync("红旗社区");
        await j.ScreenshotAsync("stats");

        // 10. The Excel ledger: the link on the card downloads it, and it holds both cases in full (a personal chat).
        await j.SendAsync(j.T("导出调解台账", "export mediations"));
        await j.ExpectBotAsync(j.T($"{year}年调解台账共 2 件", $"The ledger ({year}) has 2 case(s)"));
        var ledger = await j.ExpectBotAsync(j.T("人民调解案件登记台账", "Mediation ledger"));
        await j.ScreenshotAsync("export");
        var request = j.WaitForRequestAsync(r => r.Url.Contains("/files/", StringComparison.Ordinal));
        await j.ClickAsync(ledger, j.T("下载 Excel", "Download Excel"));
        var url = (await request).Url;
        var bytes = await j.GetBytesAsync(url);
        using var stream = new MemoryStream(bytes);
        var rows = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "人民调解案件登记台账", excelType: ExcelType.XLSX,
                startCell: $"A{ChatBot.Bot.Features.Mediation.MediationLedger.HeaderRow}")
            .Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(first, rows[0]["案号"]?.ToString());
        Assert.Equal("张三、李四", rows[0]["当事人"]?.ToString());
        Assert.Equal("张三:13812341234", rows[0]["联系电话"]?.ToString());
        Assert.Equal("调解成功", rows[0]["调解状态"]?.ToString());
        Assert.Equal("口头", rows[0]["协议形式"]?.ToString());
        Assert.Equal("1", rows[0]["回访次数"]?.ToString());
        Assert.Equal($"{Journey.Today:yyyy-MM-dd} 已履行", rows[0]["最近回访"]?.ToString());
        Assert.Equal(second, rows[1]["案号"]?.ToString());
        Assert.Equal("婚姻家庭", rows[1]["纠纷类型"]?.ToString());
        Assert.Equal("调解不成功", rows[1]["调解状态"]?.ToString());
        Assert.Equal("是", rows[1]["重大疑难"]?.ToString());
        j.AssertNoConsoleErrors();
    }

    /// <summary>A choice question: its buttons, or its drop-down and OK when it has many options.</summary>
    private static async Task PickAsync(Journey j, ILocator question, string option)
    {
        var dropDown = question.Locator("select");
        if (await dropDown.CountAsync() > 0)
        {
            await dropDown.First.SelectOptionAsync(new SelectOptionValue { Label = option });
            await j.ClickAsync(question, j.T("确定", "OK"));
        }
        else await j.ClickAsync(question, option);
    }
}
