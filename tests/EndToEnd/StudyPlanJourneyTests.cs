using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 导入学法计划 as an organiser does it in Web Chat, in both languages, on the real clock: next year's plan pasted as a
/// small table (one row with a date, one 会前学法 on the usual day, one row whose format the bot cannot read), the
/// preview with the assumed day and the row it will not import, 确认, and the saved sessions listed with their presenters.
/// </summary>
[Collection(JourneyCollection.Name)]
public class StudyPlanJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task An_organiser_pastes_next_years_plan_previews_it_and_confirms(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "study-plan");
        var year = Journey.Today.Year + 1;
        var march = new DateOnly(year, 3, 12);
        var april = FirstFriday(year, 4); // no day in the table: the usual day, 每月第一个周五 15:00

        await j.SendAsync(j.T("导入学法计划", "import study plan"));
        await j.ExpectBotAsync(j.T("请粘贴学法计划表", "Paste the study plan table"));
        await j.SendAsync(string.Join("\n",
            $"{year}年度学法计划",
            "月份 | 主题 | 法律法规 | 形式 | 主讲人 | 参学人员 | 日期时间",
            "3月 | 宪法学习 | 宪法 | 集中学法 | 司法所 | 王小明、李娜 | 3月12日 15:00",
            "四月 | 行政复议法要点 | 行政复议法 | 会前学法（党委会） | 张律师 | 王小明 |",
            "5月 | 民法典 | 民法典 | 学习沙龙 | 王律师 | 王小明 |"));

        var preview = await j.ExpectBotAsync(j.T($"{year}年学法计划 · 导入预览", $"{year} study plan · import preview"));
        await Assertions.Expect(preview).ToContainTextAsync(When(j, march, new TimeOnly(15, 0), new TimeOnly(16, 30)));
        await Assertions.Expect(preview).ToContainTextAsync(When(j, april, new TimeOnly(15, 0), new TimeOnly(15, 30)) + j.T("(按惯例)", " (usual day)"));
        // Web Chat's markdown turns straight quotes into curly ones: the English lines are matched between them.
        await Assertions.Expect(preview).ToContainTextAsync(j.T("未写日期的月份按本群惯例“每月第一个周五 15:00”安排", "First Friday of every month, 15:00"));
        await Assertions.Expect(preview).ToContainTextAsync(j.T("会前学法(党委会) · 主讲:张律师", "Pre-meeting study (党委会) · Presenter: 张律师"));
        await Assertions.Expect(preview).ToContainTextAsync(j.T("第5行:学法形式“学习沙龙”无法识别", "学习沙龙"));
        await j.ScreenshotAsync("preview");

        await j.ClickAsync(preview, j.T("确认导入", "Import"));
        var saved = await j.ExpectBotAsync(j.T($"{year}年学法计划已导入", $"{year} study plan imported"));
        await Assertions.Expect(saved).ToContainTextAsync(j.T("新增 2 场,更新 0 场,未变化 0 场。", "2 new, 0 updated, 0 unchanged."));
        await Assertions.Expect(saved).ToContainTextAsync("#1 宪法学习");
        await Assertions.Expect(saved).ToContainTextAsync(j.T("集中学习 · 主讲:司法所", "Group study · Presenter: 司法所"));
        await Assertions.Expect(saved).ToContainTextAsync("#2 行政复议法要点");
        await Assertions.Expect(saved).ToContainTextAsync(j.T("会前学法(党委会) · 主讲:张律师", "Pre-meeting study (党委会) · Presenter: 张律师"));
        await j.ScreenshotAsync("imported");

        // The same plan again updates, never duplicates.
        await j.SendAsync(j.T("导入学法计划", "import study plan") + "\n" + $"{year}年度学法计划\n月份 | 主题 | 法律法规 | 形式 | 主讲人\n3月 | 宪法学习 | 宪法 | 集中学法 | 县司法局");
        var again = await j.ExpectBotAsync(j.T("(更新)", " (update)"));
        await j.ClickAsync(again, j.T("确认导入", "Import"));
        var updated = await j.ExpectBotAsync(j.T("新增 0 场,更新 1 场,未变化 0 场", "0 new, 1 updated, 0 unchanged"));
        await Assertions.Expect(updated).ToContainTextAsync(j.T("主讲:县司法局", "Presenter: 县司法局"));
        j.AssertNoConsoleErrors();
    }

    private static DateOnly FirstFriday(int year, int month)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Friday) d = d.AddDays(1);
        return d;
    }

    private static string When(Journey j, DateOnly d, TimeOnly from, TimeOnly to) => j.T(
        $"{d.Year}年{d.Month}月{d.Day}日(周{"日一二三四五六"[(int)d.DayOfWeek]}){from:HH:mm}–{to:HH:mm}",
        $"{d:yyyy-MM-dd} ({d.DayOfWeek.ToString()[..3]}) {from:HH:mm}–{to:HH:mm}");
}
