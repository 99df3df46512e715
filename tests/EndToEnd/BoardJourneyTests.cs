using System.Text.RegularExpressions;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Board;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// The public progress board (#26) on the real clock: a plan pasted in Web Chat (one task overdue, one due later), the
/// year's cases recorded with parties' names and phones, 督办统计 with its chart, then 公开看板, the link opened in a
/// page of its own at 1920×1080 and at 390 px: sections, traffic lights and the counts of the stats, and no party
/// name or phone. 关闭看板 makes the same address a "closed" page.
/// </summary>
[Collection(JourneyCollection.Name)]
public class BoardJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    private const string Overdue = "开展矛盾纠纷大排查";
    private const string Later = "规范行政执法案卷";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task An_admin_publishes_the_board_and_the_lobby_screen_shows_it(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "board");
        var today = Journey.Today;
        static string Zh(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";
        // The year's cases (received in January of this year), parties named: none of it may reach the public page.
        var cases = j.Service<MediationStore>();
        var i = 0;
        foreach (var c in MediationStatsTests.Fixture().Take(10))
        {
            c.WorkspaceId = "local:office";
            c.ReceivedOn = new DateOnly(today.Year, 1, 1 + i);
            c.Parties = [new(BoardTests.PartyName, BoardTests.PartyPhone)];
            cases.Create(c, "journey-" + ++i, new("webchat:seed", "seed"), DateTimeOffset.UtcNow);
        }

        await j.SendAsync(j.T("导入计划", "import plan"));
        await j.ExpectBotAsync(j.T("或直接粘贴计划全文", "or paste the plan text"));
        await j.SendAsync($"""
            {today.Year}年法治政府建设工作要点
            (一)矛盾纠纷化解
            1.{Overdue}。(完成时限:{Zh(today.AddDays(-5))};牵头单位:司法所;责任人:张三)
            (二)严格规范执法
            2.{Later}。(完成时限:{Zh(today.AddDays(40))};牵头单位:综合执法办;责任人:李四)
            """);
        var preview = await j.ExpectBotAsync(j.T("导入预览", "Import preview"));
        await j.ClickAsync(preview, j.T("确认导入", "Import"));
        await j.ExpectBotAsync(j.T("新增 2 项", "2 new"));

        // 督办统计 carries its chart, and the figures stay in text.
        await j.SendAsync(j.T("督办统计", "supervision stats"));
        var stats = await j.ExpectBotAsync(j.T("督办统计", "Supervision statistics"));
        await Assertions.Expect(stats).ToContainTextAsync(j.T("共2项", "2 tasks"));
        var chart = stats.Locator("img[src*='/charts/']").First;
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await j.Page.WaitForFunctionAsync("() => [...document.querySelectorAll(\"img[src*='/charts/']\")].every(i => i.complete && i.naturalWidth > 0)");
        Assert.Contains(j.T("逾期 1", "Overdue 1"), await chart.GetAttributeAsync("alt"));
        await j.ScreenshotAsync("stats-chart");
        // The card itself at phone width: the chart is drawn with type large enough to read there.
        await j.Page.SetViewportSizeAsync(Journey.Phone.Width, Journey.Phone.Height);
        await stats.ScreenshotAsync(new LocatorScreenshotOptions { Path = ShotPath($"board-{locale}-stats-card-390.png") });
        await j.Page.SetViewportSizeAsync(Journey.Desktop.Width, Journey.Desktop.Height);

        await j.SendAsync(j.T("公开看板", "public board"));
        var reply = await j.ExpectBotAsync(j.T("公开看板", "Public board"));
        var url = Regex.Match(await reply.InnerTextAsync(), @"http://\S+/board/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(url);

        var board = await j.Context.NewPageAsync();
        var errors = new List<string>();
        board.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add(m.Text); };
        board.PageError += (_, e) => { lock (errors) errors.Add(e); };
        await board.SetViewportSizeAsync(1920, 1080);
        await board.GotoAsync(url + (j.IsZh ? "" : "?lang=en"));
        var body = board.Locator("body");
        await Assertions.Expect(body).ToContainTextAsync(j.T($"{today.Year}年度重点工作推进情况", $"Key work progress {today.Year}"));
        await Assertions.Expect(board.Locator(".plan-section h2").First).ToHaveTextAsync("(一)矛盾纠纷化解");
        var overdueRow = board.Locator("tr", new() { HasText = Overdue });
        await Assertions.Expect(overdueRow).ToContainTextAsync(j.T("逾期", "Overdue"));
        await Assertions.Expect(overdueRow).ToContainTextAsync("司法所");
        await Assertions.Expect(board.Locator("tr", new() { HasText = Later })).ToContainTextAsync(j.T("正常推进", "On track"));
        // The counts of 督办统计: 2 tasks, none done, 1 overdue; this year's 10 cases, 5 settled (71.4%).
        await Assertions.Expect(board.Locator("#tile-tasks .value")).ToHaveTextAsync(j.T("2项", "2"));
        await Assertions.Expect(board.Locator("#tile-done .value")).ToHaveTextAsync(j.T("0项", "0"));
        await Assertions.Expect(board.Locator("#tile-overdue .value")).ToHaveTextAsync(j.T("1项", "1"));
        await Assertions.Expect(board.Locator("#tile-cases")).ToContainTextAsync(j.T("调解成功5起,成功率71.4%", "5 settled, success rate 71.4%"));
        await Assertions.Expect(body).ToContainTextAsync(j.T($"数据更新于 {Zh(today)}", $"Last update {today:yyyy-MM-dd}"));
        await Assertions.Expect(board.Locator("#chart-lights canvas")).ToBeVisibleAsync(); // echarts, served by the bot
        var text = await body.InnerTextAsync();
        Assert.DoesNotContain(BoardTests.PartyName, text);
        Assert.DoesNotContain(BoardTests.PartyPhone, text);
        Assert.DoesNotContain("张三", text);
        await ShotAsync(board, $"board-{locale}-1920.png");

        // A lobby screen whose page is taller than the screen scrolls itself, slowly; a touch of the keyboard stops it.
        await board.SetViewportSizeAsync(1920, 500);
        await board.ReloadAsync();
        await board.EvaluateAsync("() => window.scrollTo(0, 0)");
        await board.WaitForFunctionAsync("() => window.scrollY > 40", null, new() { Timeout = 15_000 });
        await board.Keyboard.PressAsync("Shift");
        var stoppedAt = await board.EvaluateAsync<double>("() => window.scrollY");
        await board.WaitForTimeoutAsync(1500);
        Assert.Equal(stoppedAt, await board.EvaluateAsync<double>("() => window.scrollY"));

        await board.SetViewportSizeAsync(390, 844);
        await board.ReloadAsync();
        await Assertions.Expect(board.Locator("tr", new() { HasText = Overdue })).ToContainTextAsync(j.T("逾期", "Overdue"));
        await board.EvaluateAsync("() => window.scrollTo(0, 0)"); // the reload kept where the keypress stopped it
        await board.WaitForTimeoutAsync(4000); // past the moment a wide screen would start scrolling
        Assert.Equal(0, await board.EvaluateAsync<double>("() => window.scrollY")); // a phone scrolls only by hand
        var overflow = await board.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"At 390 px the board is {overflow} px wider than the screen.");
        await ShotAsync(board, $"board-{locale}-390.png");
        lock (errors) Assert.True(errors.Count == 0, "The board page logged errors:\n" + string.Join("\n", errors));

        await j.SendAsync(j.T("关闭看板", "close board"));
        await j.ExpectBotAsync(j.T("看板链接已关闭", "The board link is closed"));
        await board.ReloadAsync();
        await Assertions.Expect(board.Locator("h1")).ToHaveTextAsync(j.T("此看板链接已关闭或不存在", "This board link is closed or unknown"));
        await Assertions.Expect(body).Not.ToContainTextAsync(Overdue);
        j.AssertNoConsoleErrors();
    }

    /// <summary>A full-page screenshot into TestResults/screenshots/journeys (git-ignored; the user guide's are copied by hand).</summary>
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = ShotPath(name), FullPage = true });

    private static string ShotPath(string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "TestResults", "screenshots", "journeys");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
