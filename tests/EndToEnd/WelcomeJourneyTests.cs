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
        await Assertions.Expect(buttons).ToHaveCountAsync(3);
        var titles = await buttons.AllInnerTextsAsync();
        if (j.IsZh) Assert.Equal(["登记调解", "安排学法", "查看逾期任务"], titles.Select(t => t.Trim()));

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
        await Assertions.Expect(help).ToContainTextAsync(j.T("取消学法 编号 日期", "cancel study <no.> <date>"));
        j.AssertNoConsoleErrors();
    }
}
