using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>The statistics card in the real Web Chat page on a desktop and a phone: figures sit under their headings.</summary>
public class StatsLayoutTests
{
    [Theory]
    [InlineData(1280, "zh-CN")]
    [InlineData(390, "zh-CN")]
    [InlineData(390, "en-US")]
    public async Task Statistics_columns_line_up_under_their_headings(int width, string locale)
    {
        await using var host = new BotHost();
        host.UseKestrel(0);
        host.StartServer();
        var store = host.Service<MediationStore>();
        var i = 0;
        foreach (var c in MediationStatsTests.Fixture())
        {
            c.WorkspaceId = "local:office";
            c.Village = c.Village == "西山社区" ? "西山社区第二居民委员会" : c.Village; // a long name wraps on a phone
            store.Create(c, "f" + ++i, new MediationActor("webchat:u", "u"), host.Clock.GetUtcNow());
        }
        var baseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : throw new Xunit.Sdk.XunitException("Chromium not found at /usr/bin/chromium"),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 1400 }, Locale = locale, TimezoneId = "Asia/Shanghai" });
        await page.AddInitScriptAsync($"localStorage.setItem('chatbot.webchat.locale', '{locale}')");
        await page.GotoAsync(baseUrl);
        await Assertions.Expect(page.Locator(".ac-adaptiveCard").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var sendBox = page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(locale == "zh-CN" ? "调解统计 2026" : "mediation stats 2026");
        await sendBox.PressAsync("Enter");
        var card = page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = locale == "zh-CN" ? "按纠纷类型" : "Oral/Wr." }).Last;
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await card.ScrollIntoViewIfNeededAsync();

        // Left edges of the six columns of every table row (header and figures), in pixels.
        var rows = await card.EvaluateAsync<double[][]>("""
            card => Array.from(card.querySelectorAll('.ac-columnSet'))
              .map(set => Array.from(set.children).filter(c => c.classList.contains('ac-container')).map(c => Math.round(c.getBoundingClientRect().left)))
              .filter(lefts => lefts.length === 6)
            """);
        Assert.True(rows.Length >= 10, $"only {rows.Length} table rows found");
        foreach (var row in rows)
            Assert.True(row.Zip(rows[0]).All(p => Math.Abs(p.First - p.Second) <= 1),
                $"a row's columns start at [{string.Join(", ", row)}], the heading's at [{string.Join(", ", rows[0])}]");

        var shot = Path.Combine(RepoPaths.Root, "TestResults", "screenshots", $"mediation-stats-{width}-{locale}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = shot });
    }
}
