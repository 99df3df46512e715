using System.Net.Http.Headers;
using Microsoft.Playwright;
using static ChatBot.Tests.WeCom.WeComChannelHarness;

namespace ChatBot.Tests.WeCom;

/// <summary>The form page in a real Chromium on a phone-sized screen, its requests served by the in-process bot.</summary>
public class WeComFormPageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_form_page_renders_fits_a_phone_and_submits()
    {
        Assert.True(File.Exists(Chromium), $"Chromium is expected at {Chromium}");
        using var h = new WeComChannelHarness();
        var reply = await h.PostRobotAsync(GroupText("填表"));
        var url = (string)reply!["template_card"]!["card_action"]!["url"]!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 375, Height = 667 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2, Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        // The bot runs in a TestServer (no socket): hand the browser's requests to it.
        await page.RouteAsync(PublicBaseUrl + "/**", async route =>
        {
            var request = route.Request;
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Url).PathAndQuery);
            if (request.PostDataBuffer is { } body)
            {
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            using var response = await h.Client.SendAsync(message);
            await route.FulfillAsync(new()
            {
                Status = (int)response.StatusCode,
                ContentType = response.Content.Headers.ContentType?.ToString(),
                BodyBytes = await response.Content.ReadAsByteArrayAsync(),
            });
        });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(url);
        var name = page.Locator("#card input.ac-textInput").First;
        await name.WaitForAsync();
        Assert.Equal(1, await page.Locator("#card input[type=date]").CountAsync());
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 375, "no sideways scrolling on a phone");

        // Required input: an empty submission is stopped by the renderer, nothing is posted.
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        Assert.Empty(h.Requests("/cgi-bin/message/send"));

        await name.FillAsync("张三");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        await page.Locator("#status.ok", new() { HasText = "收到表单:张三" }).WaitForAsync(new() { Timeout = 15000 });
        Assert.Contains("已提交", await page.Locator("#status").InnerTextAsync());
        Assert.Empty(errors);
    }
}
