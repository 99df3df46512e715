using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 督查督办 as a clerk does it in Web Chat, in both languages, on the real clock: paste the plan (deadlines relative to
/// today: one overdue, one due soon, one on track, one without a deadline), confirm the preview, the overdue list,
/// progress by the card and in one line, 办结 with feedback, the task list and the weekly digest.
/// </summary>
[Collection(JourneyCollection.Name)]
public class PlanTaskJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    private const string Overdue = "全面推行行政执法公示制度";
    private const string DueSoon = "开展行政执法案卷评查";
    private const string OnTrack = "组织宪法宣传周活动";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_clerk_imports_the_plan_chases_what_is_late_and_closes_a_task(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "tasks");
        var today = Journey.Today;
        var overdueOn = today.AddDays(-10);
        var soonOn = today.AddDays(2);
        var laterOn = today.AddDays(40);
        static string Zh(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

        // 1. Import: the plan text pasted as it is in the document (the plan is Chinese in either language).
        await j.SendAsync(j.T("导入计划", "import plan"));
        await j.ExpectBotAsync(j.T("或直接粘贴计划全文", "or paste the plan text"));
        await j.SendAsync($"""
            {today.Year}年依法行政工作计划
            一、重点任务
            (一)规范行政执法
            1.{Overdue}。(完成时限:{Zh(overdueOn)},责任单位:综合执法办,责任人:张三)
            2.{DueSoon}。(完成时限:{Zh(soonOn)},责任单位:司法所,责任人:李四)
            (二)加强法治宣传
            1.{OnTrack}。(完成时限:{Zh(laterOn)},责任单位:司法所,责任人:王五)
            2.建立普法台账。
            """);
        var preview = await j.ExpectBotAsync(j.T("导入预览", "Import preview"));
        await Assertions.Expect(preview).ToContainTextAsync(Overdue);
        await Assertions.Expect(preview).ToContainTextAsync(j.T("以下 1 处未能识别,不会导入", "1 item(s) not understood and not imported"));
        await Assertions.Expect(preview).ToContainTextAsync("建立普法台账");
        await j.ScreenshotAsync("import-preview");
        await j.ClickAsync(preview, j.T("确认导入", "Import"));
        await j.ExpectBotAsync(j.T("导入完成:新增 3 项,更新 0 项,未变化 0 项。", "Imported: 3 new, 0 updated, 0 unchanged."));

        // 2. What is late, by owner.
        await j.SendAsync(j.T("逾期任务", "overdue"));
        await j.ExpectBotAsync(j.T("🔴 逾期 1 项 · 🟡 3天内到期 1 项 · 🟢 进展正常 1 项", "🔴 1 overdue · 🟡 1 due within 3 days · 🟢 1 on track"));
        var overdue = await j.ExpectBotAsync(j.T("逾期及临期任务", "Overdue and due-soon tasks"));
        await Assertions.Expect(overdue).ToContainTextAsync(j.T("张三(逾期 1 项,共 1 项)", "张三 (1 overdue of 1)"));
        await Assertions.Expect(overdue).ToContainTextAsync(j.T($"截止{overdueOn.Month}月{overdueOn.Day}日(逾期10天)", $"due {overdueOn:yyyy-MM-dd}"));
        await Assertions.Expect(overdue).ToContainTextAsync(j.T("逾期10天", "10 days overdue"));
        await Assertions.Expect(overdue).ToContainTextAsync(j.T("2天后到期", "due in 2 days"));
        await j.ScreenshotAsync("overdue");

        // 3. Progress by the card, then in one line.
        await j.SendAsync(j.T("更新进度 1", "update task 1"));
        var progress = await j.ExpectBotAsync(j.T("更新任务进度", "Update task progress"));
        await j.FillAsync(progress, j.T("完成进度", "Progress"), "60");
        await j.FillAsync(progress, j.T("进展情况", "What was done"), j.T("公示平台已上线,正在补录信息", "The public notice site is live; records are being added"));
        await j.ClickAsync(progress, j.T("提交进度", "Submit"));
        await j.ExpectBotAsync(j.T($"已更新任务 #1“{Overdue}”进度为 60%。", $"Task #1 \"{Overdue}\" is now at 60%."));
        await j.SendAsync(j.T("更新进度 2 30 已抽取案卷20份", "update task 2 30 20 case files drawn"));
        await j.ExpectBotAsync(j.T($"已更新任务 #2“{DueSoon}”进度为 30%。", $"Task #2 \"{DueSoon}\" is now at 30%."));

        // 4. 办结 with its feedback: the task is closed, and the answer says so.
        await j.SendAsync(j.T("办结 1", "complete 1"));
        var complete = await j.ExpectBotAsync(j.T("办结任务", "Complete task"));
        await j.FillAsync(complete, j.T("办结反馈", "Completion feedback"), j.T("公示制度已全面推行,材料已归档", "Done for all departments; the records are filed"));
        await j.ClickAsync(complete, j.T("确认办结", "Complete"));
        await j.ExpectBotAsync(j.T($"✅ 任务 #1“{Overdue}”已办结,反馈已记录。", $"✅ Task #1 \"{Overdue}\" is done; the feedback is recorded."));
        await j.AssertNoBotTextAsync(j.T("不能再修改", "cannot be changed"));
        await j.ScreenshotAsync("completed");

        // 5. The open tasks, and the details of the closed one.
        await j.SendAsync(j.T("任务列表", "tasks"));
        var list = await j.ExpectBotAsync(j.T("进行中的计划任务(2 项)", "Open plan tasks (2)"));
        await Assertions.Expect(list).ToContainTextAsync(DueSoon);
        await Assertions.Expect(list).ToContainTextAsync(OnTrack);
        await Assertions.Expect(list).Not.ToContainTextAsync(Overdue);
        await j.SendAsync(j.T("任务详情 1", "task details 1"));
        var details = await j.ExpectBotAsync(j.T("任务 #1", "Task #1"));
        await Assertions.Expect(details).ToContainTextAsync(j.T("已办结 · 100%", "Done · 100%"));
        await Assertions.Expect(details).ToContainTextAsync(j.T("公示制度已全面推行,材料已归档", "Done for all departments; the records are filed"));

        // 6. The weekly digest, on demand.
        await j.SendAsync(j.T("进度公开", "weekly progress"));
        var digest = await j.ExpectBotAsync(j.T("工作计划进度公开(", "Plan progress ("));
        await Assertions.Expect(digest).ToContainTextAsync(OnTrack);
        var digestText = await digest.InnerTextAsync();
        Assert.Matches(j.T(@"任务总数\s*3", @"Tasks\s*3"), digestText);
        Assert.Matches(j.T(@"已办结\s*1", @"Done\s*1"), digestText);
        Assert.Matches(j.T(@"进行中\s*1", @"In progress\s*1"), digestText);
        Assert.Matches(j.T(@"未开始\s*1", @"Not started\s*1"), digestText);
        await j.ScreenshotAsync("digest");

        // 7. Nothing is overdue any more.
        await j.SendAsync(j.T("逾期任务", "overdue"));
        await j.ExpectBotAsync(j.T("🔴 逾期 0 项 · 🟡 3天内到期 1 项 · 🟢 进展正常 1 项", "🔴 0 overdue · 🟡 1 due within 3 days · 🟢 1 on track"));
        j.AssertNoConsoleErrors();
    }
}
