using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 矛盾纠纷排查 as a clerk does it in Web Chat, in both languages, on the real clock: a round with a dispute on the card,
/// the dispute turned into a mediation case with one click (the registration form comes prefilled), a 零报告 in one line,
/// and 排查统计.
/// </summary>
[Collection(JourneyCollection.Name)]
public class ScreeningJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_clerk_records_a_round_makes_a_case_of_its_dispute_reports_zero_and_reads_the_figures(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "screening");
        var year = Journey.Today.Year;

        // 1. The screening card: with neither a dispute nor 零报告 the server sends it back.
        await j.SendAsync(j.T("矛盾纠纷排查", "screening"));
        var form = await j.ExpectBotAsync(j.T("零报告(未发现矛盾纠纷)", "Zero report (no dispute found)"));
        await j.FillAsync(form, j.T("村(社区)", "Village / community"), "东岭村");
        await j.FillAsync(form, j.T("排查人", "Screened by"), "王小明");
        await j.ClickAsync(form, j.T("保存排查记录", "Save screening"));
        var reshown = await j.ExpectBotAsync(j.T("请填写发现的矛盾纠纷;没有发现的,请勾选“零报告”。", "Enter the disputes found, or tick \"zero report\" if none were found."));
        await Assertions.Expect(reshown.GetByLabel(j.T("村(社区)", "Village / community")).First).ToHaveValueAsync("东岭村");

        // 2. With a dispute it is saved, and the dispute has a button to make it a case.
        await j.SelectAsync(reshown, j.T("纠纷1 类型", "Dispute 1: type"), j.T("邻里", "Neighbours"));
        await j.FillAsync(reshown, j.T("纠纷1 简要情况", "Dispute 1: what it is about"), j.T("两户因排水沟堵塞争吵", "Two households argue over a blocked ditch"));
        await j.ClickAsync(reshown, j.T("保存排查记录", "Save screening"));
        var receipt = await j.ExpectBotAsync(j.T("✅ 已保存排查记录:东岭村", "✅ Screening saved: 东岭村"));   // in the form's place
        await Assertions.Expect(receipt).ToContainTextAsync(j.T("发现矛盾纠纷 1 件", "1 dispute found"));
        var round = await j.ExpectBotAsync(j.T("可点“转为调解案件”登记", "Click \"Make it a mediation case\" to log one"));
        // The round is shown once: the receipt is one line, not a second copy of it.
        Assert.Equal(1, await j.Page.Locator(".ac-adaptiveCard", new() { HasText = j.T("两户因排水沟堵塞争吵", "Two households argue over a blocked ditch") }).CountAsync());
        await Assertions.Expect(round).ToContainTextAsync(j.T("邻里 · 两户因排水沟堵塞争吵", "Neighbours · Two households argue over a blocked ditch"));
        await j.ScreenshotAsync("round");

        // 3. One click: the registration form, with source, village, type and summary filled in.
        await j.ClickAsync(round, j.T("转为调解案件", "Make it a mediation case"));
        var registration = await j.ExpectBotAsync(j.T("人民调解案件登记", "Log a people's mediation case"));
        await Assertions.Expect(registration.GetByLabel(j.T("村(社区)", "Village / community")).First).ToHaveValueAsync("东岭村");
        await Assertions.Expect(registration.GetByLabel(j.T("简要情况", "Summary")).First).ToHaveValueAsync(j.T("两户因排水沟堵塞争吵", "Two households argue over a blocked ditch"));
        await j.FillAsync(registration, j.T("当事人1 姓名", "Party 1: name"), "张三");
        await j.FillAsync(registration, j.T("调解员", "Mediator(s)"), "王调解");
        await j.ClickAsync(registration, j.T("提交登记", "Submit"));
        var saved = await j.ExpectBotAsync(j.T($"已登记,案号 {year}-001", $"Logged as case {year}-001"));
        await Assertions.Expect(saved).ToContainTextAsync(j.T("主动调解(排查发现)", "Own initiative (found by screening)"));

        // 4. 零报告 in one line.
        await j.SendAsync(j.T("零报告 西岭村", "zero report 西岭村"));
        await j.ExpectBotAsync(j.T("已记录 西岭村 零报告", "Zero report recorded for 西岭村"));

        // 5. 排查统计: two rounds, both villages known and covered, one 零报告, one dispute, which became a case.
        await j.SendAsync(j.T("排查统计", "screening stats"));
        var stats = await j.ExpectBotAsync(j.T(
            "全年排查2次(已知村居2个),零报告1次,发现矛盾纠纷1件,转为调解案件1件。",
            "2 screening rounds this year (2 villages known), 1 zero report, 1 dispute found, 1 became mediation cases."));
        await Assertions.Expect(stats).ToContainTextAsync(j.T($"{year}年矛盾纠纷排查统计", $"Dispute screening {year}"));
        await Assertions.Expect(stats).ToContainTextAsync("2/2");
        await j.ScreenshotAsync("stats");
    }
}
