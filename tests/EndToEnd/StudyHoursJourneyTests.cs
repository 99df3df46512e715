using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 学时 and exams as a clerk reads them in Web Chat, in both languages, on the real clock: the clerk gives a name,
/// schedules a one-minute exam session by the form card starting about a minute ahead, signs in, records the scores
/// once it has started (王小明 95, 李娜 55, 张三 absent), and once it has ended reads 我的学法, 学时统计 and 考试统计.
/// By hand: one minute is 0.02 学时 (1/60 rounded to two places); the target is the default 40; 王小明 优秀, 李娜 不合格:
/// 2 sat, 1 absent, 1 passed, pass rate 50%.
/// </summary>
[Collection(JourneyCollection.Name)]
public class StudyHoursJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_clerk_signs_in_records_scores_and_reads_hours_and_exam_figures(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "study-hours");
        var title = j.T("学法考试:行政复议法", "Law exam: Administrative Reconsideration");

        await j.SendAsync(j.T("我叫 王小明", "my name is 王小明"));
        await j.ExpectBotAsync("王小明");

        // A session cannot run past midnight: close to it, the journey waits for the new day as a clerk would.
        if (NextWholeMinute(Journey.Now).AddMinutes(3).Date != Journey.Now.Date)
            await Task.Delay(Journey.Now.Date.AddDays(1) - Journey.Now + TimeSpan.FromSeconds(2));
        var start = NextWholeMinute(Journey.Now).AddMinutes(1);
        var end = start.AddMinutes(1);

        // 1. The exam session by the form card.
        await j.SendAsync(j.T("安排学法", "schedule study"));
        var form = await j.ExpectBotAsync(j.T("安排学法活动", "Schedule a law-study session"));
        await j.FillAsync(form, j.T("主题", "Topic"), title);
        await j.FillAsync(form, j.T("学习的法律法规", "Law studied"), j.T("行政复议法", "Administrative Reconsideration Law"));
        await j.SelectAsync(form, j.T("形式", "Format"), j.T("考试", "Exam"));
        await j.FillAsync(form, j.T("时间", "When"), $"{start:yyyy-MM-dd HH:mm}-{end:HH:mm}");
        await j.FillAsync(form, j.T("主讲人", "Presenter"), j.T("司法所刘所长", "Director Liu"));
        await j.FillAsync(form, j.T("地点或会议链接", "Place or meeting link"), j.T("二楼大会议室", "Main hall"));
        await j.FillAsync(form, j.T("应参学人员", "Expected participants"), "王小明、李娜、张三");
        await j.ClickAsync(form, j.T("保存", "Save"));
        await j.ExpectBotAsync(j.T("已安排学法活动 #1", "Study session #1 scheduled"));

        // 2. Sign-in is open from 30 minutes before the start.
        await j.SendAsync(j.T("签到", "sign in"));
        await j.ExpectBotAsync(j.T($"王小明 签到成功", "王小明 signed in"));

        // 3. The scores, once the exam has started.
        var untilStart = start - Journey.Now + TimeSpan.FromSeconds(2);
        if (untilStart > TimeSpan.Zero) await Task.Delay(untilStart);
        await j.SendAsync(j.T($"录入成绩 1 {start:yyyy-MM-dd} 王小明 95、李娜 55、张三 缺考", $"exam score 1 {start:yyyy-MM-dd} 王小明 95, 李娜 55, 张三 缺考"));
        var recorded = await j.ExpectBotAsync(j.T("王小明 95 优秀;李娜 55 不合格", "王小明 95 Excellent; 李娜 55 Fail"));
        await Assertions.Expect(recorded).ToContainTextAsync(j.T("缺考:张三(列入补考名单)", "Absent: 张三 (on the make-up list)"));
        await j.ScreenshotAsync("scores");

        // 4. Once the session has really ended, its minute counts.
        var untilEnd = end - Journey.Now + TimeSpan.FromSeconds(2);
        if (untilEnd > TimeSpan.Zero) await Task.Delay(untilEnd);
        await j.SendAsync(j.T("我的学法", "my study"));
        var mine = await j.ExpectBotAsync(j.T($"王小明 {start.Year}年学法情况", $"王小明: law study in {start.Year}"));
        await Assertions.Expect(mine).ToContainTextAsync(j.T("学时:0.02 / 目标 40(还差 39.98)", "Study hours: 0.02 of a 40 target (39.98 to go)"));
        await Assertions.Expect(mine).ToContainTextAsync(j.T($"{start:MM-dd} {title}:0.02学时(签到)", $"{start:MM-dd} {title}: 0.02 h (signed in)"));
        await Assertions.Expect(mine).ToContainTextAsync(j.T($"{start:MM-dd} {title}:95 优秀", $"{start:MM-dd} {title}: 95 Excellent"));
        await j.ScreenshotAsync("my-study");

        await j.SendAsync(j.T("学时统计", "study hours"));
        var hours = await j.ExpectBotAsync(j.T($"{start.Year}年学时统计", $"Study hours {start.Year}"));
        await Assertions.Expect(hours).ToContainTextAsync(j.T("王小明:0.02学时,参学1次", "王小明: 0.02 h, 1 session"));
        await Assertions.Expect(hours).ToContainTextAsync(j.T("李娜:0学时,参学0次", "李娜: 0 h, 0 sessions"));
        await Assertions.Expect(hours).ToContainTextAsync(j.T("未达标 3 人:张三(0)、李娜(0)、王小明(0.02)", "Below target (3): 张三(0), 李娜(0), 王小明(0.02)"));

        await j.SendAsync(j.T("考试统计", "exam stats"));
        var exams = await j.ExpectBotAsync(j.T($"{start.Year}年学法考试统计", $"Law exams {start.Year}"));
        await Assertions.Expect(exams).ToContainTextAsync(j.T(
            $"{start:MM-dd} {title}:参考2人,缺考1人,合格1人,合格率50%;优秀1人,良好0人,合格0人,不合格1人",
            $"{start:MM-dd} {title}: 2 sat, 1 absent, 1 passed, pass rate 50%; Excellent 1, Good 0, Pass 0, Fail 1"));
        await Assertions.Expect(exams).ToContainTextAsync(j.T("全年:参考2人次,合格1人次,合格率50%", "Year: 2 sittings, 1 passed, pass rate 50%"));
        await j.ScreenshotAsync("exam-stats");
        j.AssertNoConsoleErrors();
    }

    private static DateTime NextWholeMinute(DateTime t) => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0).AddMinutes(1);
}
