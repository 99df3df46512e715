using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// The first thing a clerk sees: a short greeting with three buttons (登记调解 / 安排学法 / 查看逾期任务), each of which
/// starts its feature, and a help card that shows its placeholders (such as &lt;date&gt;) as written.
/// </summary>
[Collection(JourneyCollection.Name)]
public class WelcomeJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task The_greeting_offers_three_starting_points_and_each_one_starts(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "welcome");
        var greeting = j.Greeting;
        var buttons = greeting.GetByRole(AriaRole.Button);
        await j.ScreenshotAsync("greeting");
        // Web Chat sends no name, so the card also asks for one (its own button), then offers the three starting points.
        await Assertions.Expect(buttons).ToHaveCountAsync(4);
        var all = (await buttons.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(j.T("保存称呼", "Save my name"), all[0]);
        var titles = all.Skip(1).ToList();
        Assert.Equal(j.T("登记调解", "Log a mediation"), titles[0]);
        Assert.Equal(j.T("安排学法", "Schedule study"), titles[1]);
        Assert.Equal(j.T("查看逾期任务", "Overdue tasks"), titles[2]);

        await j.FillAsync(greeting, j.T("怎么称呼您?(用于签到名单和办结记录)", "What should I call you? (shown on sign-in lists and task records)"), j.T("王小明", "Wang Xiaoming"));
        await j.ClickAsync(greeting, all[0]);
        await j.ExpectBotAsync(j.T("好的,王小明,", "Thanks, Wang Xiaoming:"));

        await j.ClickAsync(greeting, titles[0].Trim());
        await j.ExpectBotAsync(j.T("人民调解案件登记", "Log a people's mediation case"));
        await j.SendAsync(j.T("取消", "cancel"));
        await j.ExpectBotAsync(j.T("取消", "ancel"));

        await j.ClickAsync(greeting, titles[1].Trim());
        await j.ExpectBotAsync(j.T("安排学法活动", "Schedule a law-study session"));
        await j.SendAsync(j.T("取消", "cancel"));
        await j.ExpectBotAsync(j.T("取消", "ancel"));

        await j.ClickAsync(greeting, titles[2].Trim());
        await j.ExpectBotAsync(j.T("本群还没有工作计划任务", "No plan tasks here yet"));

        // The full list is one word away, with its placeholders intact.
        await j.SendAsync(j.T("帮助", "help"));
        var help = await j.ExpectBotAsync(j.T("帮助 (help)", "cancel study"));
        // The card keeps "<" from opening a tag with an invisible word joiner (MarkdownText): compare what a reader sees.
        Assert.Contains(j.T("取消学法 编号 日期", "cancel study <no.> <date>"), (await help.InnerTextAsync()).Replace("\u2060", ""));
        j.AssertNoConsoleErrors();
    }
}
