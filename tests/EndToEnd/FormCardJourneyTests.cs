using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// A form, once submitted, is closed on screen: its buttons go, the welcome card's buttons keep working, and the same
/// submit sent again (a stale copy) is answered 这张卡片已处理 and saves nothing. The greeting is said once. And the
/// clerk becomes the office's first admin.
/// </summary>
[Collection(JourneyCollection.Name)]
public class FormCardJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_submitted_form_loses_its_buttons_and_a_stale_copy_is_answered_politely(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "forms");
        // (Markdown turns the English apostrophe into ’: the part after it is compared.)
        var greetingText = j.T("您好!我是依法行政助手", "the law-based administration assistant");
        Assert.Single(await j.Page.Locator(".webchat__bubble").Filter(new() { HasText = greetingText }).AllAsync());

        // 1. The name field of the welcome card closes; its three buttons stay.
        var greeting = j.Greeting;
        await j.FillAsync(greeting, j.T("怎么称呼您?(用于签到名单和办结记录)", "What should I call you? (shown on sign-in lists and task records)"), j.T("王小明", "Wang Xiaoming"));
        await j.ClickAsync(greeting, j.T("保存称呼", "Save my name"));
        await j.ExpectBotAsync(j.T("好的,王小明,", "Thanks, Wang Xiaoming:"));
        await Assertions.Expect(greeting).ToContainTextAsync(j.T("称呼:王小明", "Name: Wang Xiaoming"));
        await Assertions.Expect(greeting.GetByRole(AriaRole.Button, new() { Name = j.T("保存称呼", "Save my name") })).ToHaveCountAsync(0);
        await Assertions.Expect(greeting.GetByRole(AriaRole.Button)).ToHaveCountAsync(3);

        // 2. The greeting's 安排学法 still works; the form, once saved, is a receipt without buttons.
        await j.ClickAsync(greeting, j.T("安排学法", "Schedule study"));
        var form = await j.ExpectBotAsync(j.T("安排学法活动", "Schedule a law-study session"));
        await j.FillAsync(form, j.T("主题", "Topic"), j.T("每月一法", "Law of the month"));
        await j.FillAsync(form, j.T("学习的法律法规", "Law studied"), j.T("民法典", "Civil Code"));
        await j.FillAsync(form, j.T("时间", "When"), j.T("每月第一个周五 15:00", "first Friday of every month 15:00"));
        string? submitted = null;
        string? authorization = null;
        string? postUrl = null;
        void Capture(object? sender, IRequest request)
        {
            if (request.Method != "POST" || !request.Url.EndsWith("/activities", StringComparison.Ordinal) || request.PostData?.Contains("cardId") != true) return;
            submitted = request.PostData;
            postUrl = request.Url;
            request.Headers.TryGetValue("authorization", out authorization);
        }
        j.Page.Request += Capture;
        await j.ClickAsync(form, j.T("保存", "Save"));
        await j.ExpectBotAsync(j.T("已安排学法活动 #1", "Study session #1 scheduled"));
        j.Page.Request -= Capture;
        await Assertions.Expect(form).ToContainTextAsync(j.T("已保存为学法活动 #1", "Saved as study session #1"));
        await Assertions.Expect(form.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(form.Locator("input")).ToHaveCountAsync(0);
        await j.ScreenshotAsync("form-closed");

        // 3. The same submit once more, as a stale copy of the form would send it: a polite answer, nothing saved.
        Assert.NotNull(submitted);
        var again = JsonNode.Parse(submitted!)!.AsObject();
        again["channelData"]!["clientActivityID"] = "replay-" + Guid.NewGuid().ToString("N");
        var response = await j.Page.APIRequest.PostAsync(postUrl!, new()
        {
            DataString = again.ToJsonString(),
            Headers = new Dictionary<string, string> { ["Authorization"] = authorization!, ["Content-Type"] = "application/json" },
        });
        Assert.True(response.Ok, $"the replayed submit answered {response.Status}");
        await j.ExpectBotAsync(j.T("这张卡片已处理,内容已保存,无需再次提交。", "This card was already handled and saved; no need to submit it again."));
        await j.SendAsync(j.T("学法安排", "study sessions"));
        await j.ExpectBotAsync(j.T("每月一法", "Law of the month"));
        await j.AssertNoBotTextAsync("#2");

        // 4. The greeting's last button still answers.
        await j.ClickAsync(greeting, j.T("查看逾期任务", "Overdue tasks"));
        await j.ExpectBotAsync(j.T("本群还没有工作计划任务", "No plan tasks here yet"));

        // 5. The clerk becomes the office's first admin, and the list says so.
        await j.SendAsync(j.T("设为管理员", "add admin"));
        await j.ExpectBotAsync(j.T("王小明 已成为本群第一位管理员", "Wang Xiaoming is now the first admin here"));
        await j.SendAsync(j.T("管理员", "admins"));
        await j.ExpectBotAsync(j.T("本群管理员:王小明(包括您)", "Admins here: Wang Xiaoming (including you)"));
        await j.ScreenshotAsync("admins");
        j.AssertNoConsoleErrors();
    }
}
