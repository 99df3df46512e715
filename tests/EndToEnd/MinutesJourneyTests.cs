using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// 导入纪要 and 督办统计 (#24) in Web Chat on the real clock, in both languages: the clerk pastes a 镇长办公会 minutes
/// dated today with three decisions — one due in 20 days, one whose deadline passed three days ago, one without a
/// deadline — checks the preview, confirms, leaves the undated one a draft, gives it a deadline with 设定时限, lists the
/// tasks, then reads the appraisal card: 3 tasks, 1 overdue now.
/// </summary>
[Collection(JourneyCollection.Name)]
public class MinutesJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    private const string Shops = "完成沿街商铺占道整治";
    private const string Contract = "完成法律顾问合同续签";
    private const string Duty = "尽快研究制定春节期间值班方案";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Minutes_become_tasks_and_drafts_and_the_appraisal_shows_them(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "minutes");
        var today = Journey.Today;
        var shopsDue = today.AddDays(20);
        var contractDue = today.AddDays(-3);
        var dutyDue = today.AddDays(40);
        static string Zh(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

        await j.SendAsync(j.T("导入纪要", "import minutes"));
        await j.ExpectBotAsync(j.T("请粘贴会议纪要全文", "Paste the full minutes"));
        await j.SendAsync($"""
            城关镇镇长办公会会议纪要
            时间:{Zh(today)}上午9:00
            地点:镇政府三楼会议室
            主持:王镇长
            会议议定事项如下:
            一、由综合执法办牵头,派出所配合,于{Zh(shopsDue)}前{Shops}。
            二、由司法所负责,{Zh(contractDue)}前{Contract}。
            三、由党政办牵头,{Duty}。
            四、会议要求各部门高度重视冬季安全生产。
            """);
        var preview = await j.ExpectBotAsync(j.T("会议纪要导入预览", "Meeting minutes preview"));
        await Assertions.Expect(preview).ToContainTextAsync(Shops);
        await Assertions.Expect(preview).ToContainTextAsync(j.T("⚠️ 纪要未写,确认后请补充", "⚠️ none in the minutes: you will be asked"));
        await Assertions.Expect(preview).ToContainTextAsync("四、会议要求各部门高度重视冬季安全生产");
        await j.ScreenshotAsync("minutes-preview");
        await j.ClickAsync(preview, j.T("确认", "Confirm"));
        await j.ExpectBotAsync(j.T("新增 2 项", "2 new"));
        await j.ExpectBotAsync(j.T($"议定事项 #3“{Duty}”(牵头:党政办)纪要中没有时限,已存为草稿", $"The decision #3 \"{Duty}\" (lead: 党政办) has no deadline in the minutes and is kept as a draft"));

        // Skipped: it stays a draft, listed apart, and becomes a task when given its deadline.
        await j.SendAsync(j.T("跳过", "skip"));
        await j.ExpectBotAsync(j.T("留作草稿", "stays a draft"));
        await j.SendAsync(j.T("任务列表 草稿", "tasks drafts"));
        var drafts = await j.ExpectBotAsync(j.T("草稿(会议纪要中没有时限的事项", "Drafts (decisions without a deadline"));
        await Assertions.Expect(drafts).ToContainTextAsync($"#3 {Duty}");
        await Assertions.Expect(drafts).Not.ToContainTextAsync(Shops);
        await j.SendAsync(j.T($"设定时限 3 {dutyDue:yyyy-MM-dd}", $"set deadline 3 {dutyDue:yyyy-MM-dd}"));
        await j.ExpectBotAsync(j.T($"时限定为 {Zh(dutyDue)},已转为正式任务", $"is now due {dutyDue:yyyy-MM-dd} and is a task"));

        await j.SendAsync(j.T("任务列表", "tasks"));
        var list = await j.ExpectBotAsync(j.T("进行中的计划任务(3 项)", "Open plan tasks (3)"));
        await Assertions.Expect(list).ToContainTextAsync(Shops);
        await Assertions.Expect(list).ToContainTextAsync(Contract);
        await Assertions.Expect(list).ToContainTextAsync(Duty);
        await Assertions.Expect(list).ToContainTextAsync(j.T("逾期3天", "3 days overdue"));

        // 督办统计: the card with its figures.
        await j.SendAsync(j.T("督办统计", "supervision stats"));
        var stats = await j.ExpectBotAsync(j.T($"{today.Year}年督办统计", $"Supervision statistics {today.Year}"));
        await Assertions.Expect(stats).ToContainTextAsync(j.T("共3项:按时办结0项,逾期办结0项,当前逾期1项", "3 tasks: 0 done on time, 0 done late, 1 overdue now"));
        await Assertions.Expect(stats).ToContainTextAsync(j.T("按牵头单位(按时办结率排名)", "By lead department (ranked by on-time rate)"));
        await Assertions.Expect(stats).ToContainTextAsync("司法所");
        await Assertions.Expect(stats).ToContainTextAsync("党政办");
        await Assertions.Expect(stats).ToContainTextAsync(j.T("下载 Excel(考核用)", "Download Excel (appraisal)"));
        await j.ScreenshotAsync("minutes-stats");
        j.AssertNoConsoleErrors();
    }
}
