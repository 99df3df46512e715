using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 学法 as a clerk does it in Web Chat, in both languages, on the real clock: a monthly session by the form card (with
/// a mistake the server catches), a one-off session by typing the answers, sign-in while it is open, the upcoming
/// list, moving one occurrence from its button, the attendance and, once the one-off session has ended, the figures.
/// The one-off session starts about a minute ahead and lasts a minute, so the journey waits for the real end (at most
/// about two minutes after it was scheduled, most of it spent on the other steps).
/// </summary>
[Collection(JourneyCollection.Name)]
public class StudyJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_clerk_schedules_sessions_signs_in_moves_one_and_reads_the_figures(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "study");
        var monthlyTitle = j.T("每月一法——学习民法典", "Law of the month: the Civil Code");
        var onceTitle = j.T("宪法宣传周集中学习", "Constitution week session");

        // 1. A monthly session by the form card; a link without https:// is sent back to be fixed.
        await j.SendAsync(j.T("安排学法", "schedule study"));
        var form = await j.ExpectBotAsync(j.T("安排学法活动", "Schedule a law-study session"));
        await j.FillAsync(form, j.T("主题", "Topic"), monthlyTitle);
        await j.FillAsync(form, j.T("学习的法律法规", "Law studied"), j.T("民法典", "Civil Code"));
        await j.SelectAsync(form, j.T("形式", "Format"), j.T("专题讲座", "Lecture"));
        await j.FillAsync(form, j.T("时间", "When"), j.T("每月第一个周五 15:00", "first Friday of every month 15:00"));
        await j.FillAsync(form, j.T("主讲人", "Presenter"), j.T("张律师", "Lawyer Zhang"));
        await j.FillAsync(form, j.T("地点或会议链接", "Place or meeting link"), j.T("三楼会议室", "Meeting room 3"));
        await j.FillAsync(form, j.T("学习资料链接", "Materials link"), "www.npc.gov.cn");
        await j.FillAsync(form, j.T("应参学人员", "Expected participants"), "王小明、李娜、张伟");
        await j.ScreenshotAsync("card");
        await j.ClickAsync(form, j.T("保存", "Save"));
        var again = await j.ExpectBotAsync(j.T("学习资料链接应以 http:// 或 https:// 开头。", "The materials link must start with http:// or https://."));
        await Assertions.Expect(again.GetByLabel(j.T("主题", "Topic")).First).ToHaveValueAsync(monthlyTitle);
        await j.FillAsync(again, j.T("学习资料链接", "Materials link"), "https://www.npc.gov.cn/");
        await j.ClickAsync(again, j.T("保存", "Save"));
        await j.ExpectBotAsync(j.T("已安排学法活动 #1", "Study session #1 scheduled"));
        var saved = await j.ExpectBotAsync(j.T("每月第一个周五 15:00–16:30", "First Friday of every month, 15:00–16:30"));
        await Assertions.Expect(saved).ToContainTextAsync(j.T("张律师", "Lawyer Zhang"));
        await j.ScreenshotAsync("scheduled-by-card");

        // 2. A one-off session by typing: the clerk answers the card in words (that line is the topic) and goes on
        //    step by step. It starts in about a minute and lasts a minute, so it can be signed in to now.
        // A session cannot run past midnight (its end would come before its start): close to midnight, Shanghai time,
        //    the clerk would wait for the new day, and so does the journey.
        if (NextWholeMinute(Journey.Now).AddMinutes(3).Date != Journey.Now.Date)
            await Task.Delay(Journey.Now.Date.AddDays(1) - Journey.Now + TimeSpan.FromSeconds(2));
        var start = NextWholeMinute(Journey.Now).AddMinutes(1);
        var end = start.AddMinutes(1);
        await j.SendAsync(j.T("安排学法", "schedule study"));
        await j.ExpectBotAsync(j.T("安排学法活动", "Schedule a law-study session"));
        await j.SendAsync(onceTitle);
        await j.ExpectBotAsync(j.T("学习哪部法律法规?", "Which law is studied?"));
        await j.SendAsync(j.T("宪法", "Constitution"));
        var format = await j.ExpectBotAsync(j.T("学法形式?", "Which format?"));
        // Eight formats (会前学法 and 旁听庭审 joined): more than six choices come as a drop-down with 确定.
        await j.SelectAsync(format, j.T("学法形式?", "Which format?"), j.T("集中学习", "Group study"));
        await j.ClickAsync(format, j.T("确定", "OK"));
        await j.ExpectBotAsync(j.T("什么时间?", "When?"));
        await j.SendAsync($"{start:yyyy-MM-dd HH:mm}-{end:HH:mm}");
        await j.ExpectBotAsync(j.T("主讲人是谁?", "Who presents?"));
        await j.SendAsync(j.T("司法所刘所长", "Director Liu"));
        await j.ExpectBotAsync(j.T("地点或会议链接?", "Where, or which meeting link?"));
        await j.SendAsync(j.T("二楼大会议室", "Main hall"));
        await j.ExpectBotAsync(j.T("学习资料链接?", "A link to the materials?"));
        await j.SendAsync(j.T("跳过", "skip"));
        await j.ExpectBotAsync(j.T("应参学人员有哪些?", "Who is expected to attend?"));
        await j.SendAsync("王小明、李娜");
        var confirm = await j.ExpectBotAsync(j.T("保存吗?", "Save it?"));
        await Assertions.Expect(confirm).ToContainTextAsync(onceTitle);
        await j.ClickAsync(confirm, j.T("是", "Yes"));
        await j.ExpectBotAsync(j.T("已安排学法活动 #2", "Study session #2 scheduled"));

        // 3. Sign-in is open from 30 minutes before the start: once, and a second time is answered politely.
        await j.SendAsync(j.T("签到", "sign in"));
        await j.ExpectBotAsync(j.T($"“{onceTitle}”已签到1人/应到2人", $"\"{onceTitle}\": 1 signed in of 2 expected"));
        await j.SendAsync(j.T("签到", "sign in"));
        var twice = await j.ExpectBotAsync(j.T("无需重复签到", "no need to do it again"));
        var twiceText = (await twice.InnerTextAsync()).Trim();
        Assert.False(twiceText.StartsWith(',') || twiceText.StartsWith(','), $"The answer starts without the clerk's name: \"{twiceText}\"");
        await j.ScreenshotAsync("signed-in");

        // 4. The upcoming sessions; the first monthly one is moved a week later from its own button.
        var first = FirstFridayAfter(Journey.Now);
        var oldWhen = When(j, first, new TimeOnly(15, 0), new TimeOnly(16, 30));
        await j.SendAsync(j.T("学法安排", "study sessions"));
        var list = await j.ExpectBotAsync(j.T("未来60天的学法安排", "Study sessions in the next 60 days"));
        await Assertions.Expect(list).ToContainTextAsync($"#2 {onceTitle}");
        await Assertions.Expect(list).ToContainTextAsync(oldWhen);
        await j.ScreenshotAsync("list");
        var occurrence = list.Locator(".ac-container").Filter(new() { HasText = oldWhen }).Last;
        await j.ClickAsync(occurrence, j.T("调整时间", "Move"));
        var move = await j.ExpectBotAsync(j.T($"调整 #1 {monthlyTitle}", $"Move #1 {monthlyTitle}"));
        var moved = first.AddDays(7);
        await j.FillAsync(move, j.T("新日期", "New date"), moved.ToString("yyyy-MM-dd"));
        await j.FillAsync(move, j.T("开始时间", "Start time"), "16:00");
        await j.ClickAsync(move, j.T("确定调整", "Move it"));
        await j.ExpectBotAsync(j.T(
            $"已将“{monthlyTitle}”从 {oldWhen} 调整到 {When(j, moved, new TimeOnly(16, 0), new TimeOnly(17, 30))},其余各次不变。",
            $"{When(j, moved, new TimeOnly(16, 0), new TimeOnly(17, 30))}"));
        await j.SendAsync(j.T("学法安排", "study sessions"));
        var listAgain = await j.ExpectBotAsync(j.T("未来60天的学法安排", "Study sessions in the next 60 days"));
        await Assertions.Expect(listAgain).ToContainTextAsync(j.T($"#1 {monthlyTitle}(已调整)", $"#1 {monthlyTitle} (moved)"));

        // 5. Who signed in: the clerk, by name (never a bare time), and who is still missing.
        await j.SendAsync(j.T($"签到名单 2 {start:yyyy-MM-dd}", $"study attendance 2 {start:yyyy-MM-dd}"));
        var attendance = await j.ExpectBotAsync(j.T("已签到1人/应到2人", "1 signed in of 2 expected"));
        await Assertions.Expect(attendance).ToContainTextAsync(j.T("未签到:王小明、李娜", "Not signed in: 王小明, 李娜"));
        var lines = (await attendance.InnerTextAsync()).Split('\n').Select(l => l.Trim());
        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, @"^\d{2}:\d{2}$"));

        // 6. The figures, once the one-off session has really ended.
        var wait = end - Journey.Now + TimeSpan.FromSeconds(2);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await j.SendAsync(j.T("学法统计", "study stats"));
        await j.ExpectBotAsync(j.T(
            $"{start.Year}年共组织学法活动1次,参学1人次,平均出勤率50%。",
            $"In {start.Year}, 1 study sessions were held with 1 attendances, average attendance 50%."));
        var stats = await j.ExpectBotAsync(j.T("按法律法规", "By law"));
        await Assertions.Expect(stats).ToContainTextAsync(j.T("宪法", "Constitution"));
        await Assertions.Expect(stats).ToContainTextAsync(j.T("集中学习", "Group study"));
        await j.ScreenshotAsync("stats");
        j.AssertNoConsoleErrors();
    }

    private static DateTime NextWholeMinute(DateTime t) => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0).AddMinutes(1);

    /// <summary>The first "first Friday of the month at 15:00" still ahead of <paramref name="now"/>.</summary>
    private static DateOnly FirstFridayAfter(DateTime now)
    {
        for (var month = new DateOnly(now.Year, now.Month, 1); ; month = month.AddMonths(1))
        {
            var day = month;
            while (day.DayOfWeek != DayOfWeek.Friday) day = day.AddDays(1);
            if (day.ToDateTime(new TimeOnly(15, 0)) > now) return day;
        }
    }

    private static string When(Journey j, DateOnly d, TimeOnly from, TimeOnly to) => j.T(
        $"{d.Year}年{d.Month}月{d.Day}日(周{"日一二三四五六"[(int)d.DayOfWeek]}){from:HH:mm}–{to:HH:mm}",
        $"{d:yyyy-MM-dd} ({d.DayOfWeek.ToString()[..3]}) {from:HH:mm}–{to:HH:mm}");
}
