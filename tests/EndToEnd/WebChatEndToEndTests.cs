using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// The real bot on a loopback port (Kestrel), the real Web Chat bundle in headless Chromium: the page connects over
/// Direct Line, shows the welcome card (three buttons, not the command reference), and answers "help" with the help card. Needs Chromium (CHROMIUM_PATH, default
/// /usr/bin/chromium) and fonts-noto-cjk for readable screenshots; it fails, never skips, when Chromium is missing.
/// </summary>
public class WebChatEndToEndTests
{
    private const string HelpCardTitle = "使用帮助";
    private const string WelcomeCardText = "我能帮您做这四件事";

    [Fact]
    public async Task Web_chat_page_greets_and_answers_help_with_the_help_card()
    {
        using var host = new BotHost();
        host.UseKestrel(0);
        host.StartServer();
        var baseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1000, Height = 900 }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        // Hold the Web Chat bundle back a moment, as a slow office connection would: the page must say it is connecting
        // instead of staying blank, and stop saying so once the greeting is there.
        var bundleReleased = new TaskCompletionSource();
        await page.RouteAsync("**/lib/webchat.js", async route =>
        {
            await bundleReleased.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync(baseUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var connecting = page.Locator("#connecting");
        await Assertions.Expect(connecting).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(connecting).ToHaveTextAsync("正在连接助手…");
        bundleReleased.SetResult();
        var welcomeCard = page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = WelcomeCardText });
        await Assertions.Expect(welcomeCard).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await Assertions.Expect(connecting).ToBeHiddenAsync();
        foreach (var button in new[] { "登记调解", "安排学法", "查看逾期任务" })
            await Assertions.Expect(welcomeCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = button })).ToBeVisibleAsync();
        var helpCards = page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = HelpCardTitle });
        await Assertions.Expect(helpCards).ToHaveCountAsync(0); // the reference stays behind "help"

        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("help");
        await sendBox.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".webchat__bubble--from-user", new PageLocatorOptions { HasText = "help" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(helpCards).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 20_000 });
        await Assertions.Expect(helpCards.Last).ToContainTextAsync("帮助 (help)");
        await helpCards.Last.ScrollIntoViewIfNeededAsync();
        Assert.Empty(pageErrors);

        // Written under TestResults (not over the committed docs/screenshots copy) so a test run leaves the tree clean.
        var screenshot = Path.Combine(RepoPaths.Root, "TestResults", "screenshots", "webchat-help.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        // The language switch reloads into a new conversation greeted in English.
        await page.Locator("header .lang button[data-locale='en-US']").ClickAsync();
        await Assertions.Expect(page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = "I can help with four things" }))
            .ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await Assertions.Expect(connecting).ToBeHiddenAsync();
        Assert.Equal("Connecting to the assistant…", await connecting.TextContentAsync());
        Assert.Empty(pageErrors);
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
            Assert.Fail($"Chromium was not found at {path}. Install it (Debian/Ubuntu: apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH; this end-to-end test does not download browsers.");
        return path;
    }
}
