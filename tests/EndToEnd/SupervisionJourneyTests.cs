using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// The 督办 cycle (#24) in Web Chat on the real clock, in both languages: a plan with 牵头/配合单位 and a 重点 task, the
/// supporting-unit filter, 催办 from the overdue card, 延期申请 by the details button and its approval, a 批示 at the
/// top of the details, 办结 of the 重点 task into 验收, returned with a reason, then accepted. The local Web Chat
/// workspace has no admins, so the one person there acts as owner and admin.
/// </summary>
[Collection(JourneyCollection.Name)]
public class SupervisionJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    private const string KeyTask = "开展矛盾纠纷大排查";
    private const string Other = "规范行政执法案卷";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task An_office_chases_extends_instructs_and_accepts_a_key_task(string locale)
    {
        await using var j = await Journey.StartAsync(browser, locale, "supervision");
        var today = Journey.Today;
        var overdueOn = today.AddDays(-5);
        var laterOn = today.AddDays(30);
        var extendTo = today.AddDays(20);
        static string Zh(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

        await j.SendAsync(j.T("导入计划", "import plan"));
        await j.ExpectBotAsync(j.T("或直接粘贴计划全文", "or paste the plan text"));
        await j.SendAsync($"""
            {today.Year}年平安建设工作要点
            (一)矛盾纠纷化解
            1.【重点】{KeyTask}。(完成时限:{Zh(overdueOn)};牵头单位:司法所;配合单位:综治中心、派出所;责任人:张三)
            2.{Other}。(完成时限:{Zh(laterOn)};牵头单位:综合执法办;责任人:李四)
            """);
        var preview = await j.ExpectBotAsync(j.T("导入预览", "Import preview"));
        await j.ClickAsync(preview, j.T("确认导入", "Import"));
        await j.ExpectBotAsync(j.T("新增 2 项", "2 new"));

        // Who supports what.
        await j.SendAsync(j.T("任务列表 配合 派出所", "tasks support 派出所"));
        var supported = await j.ExpectBotAsync(j.T("派出所配合的任务", "Tasks 派出所 supports"));
        await Assertions.Expect(supported).ToContainTextAsync(KeyTask);
        await Assertions.Expect(supported).ToContainTextAsync(j.T("配合:综治中心、派出所", "with 综治中心、派出所"));
        await Assertions.Expect(supported).Not.ToContainTextAsync(Other);

        // 催办 from the overdue card.
        await j.SendAsync(j.T("逾期任务", "overdue"));
        var overdue = await j.ExpectBotAsync(j.T("逾期及临期任务", "Overdue and due-soon tasks"));
        await j.ClickAsync(overdue, j.T("催办 #1", "Chase #1"));
        var chase = await j.ExpectBotAsync(j.T("催办:任务 #1", "Chasing task #1"));
        await Assertions.Expect(chase).ToContainTextAsync(j.T($"已催办 1 次,最近 {today.Month}月{today.Day}日", $"chased once, last {today:yyyy-MM-dd}"));
        await j.ScreenshotAsync("chase");
        await j.SendAsync(j.T("催办 1", "chase task 1"));
        await j.ExpectBotAsync(j.T("今天已经催办过了", "already chased today"));

        // 延期申请 by the details button, approved on the admins' card.
        await j.SendAsync(j.T("任务详情 1", "task details 1"));
        var details = await j.ExpectBotAsync(j.T("任务 #1", "Task #1"));
        await j.ClickAsync(details, j.T("申请延期", "Ask for more time"));
        var form = await j.ExpectBotAsync(j.T("申请延期:任务 #1", "Ask for more time: task #1"));
        await j.FillAsync(form, j.T("延期至", "New due date"), extendTo.ToString("yyyy-MM-dd"));
        await j.FillAsync(form, j.T("延期原因", "Reason"), j.T("需等待县局统一部署", "Waiting for the county's plan"));
        await j.ClickAsync(form, j.T("提交申请", "Submit"));
        var decision = await j.ExpectBotAsync(j.T("延期申请:任务 #1", "Extension request: task #1"));
        await j.ClickAsync(decision, j.T("同意延期", "Approve"));
        await j.ExpectBotAsync(j.T($"完成时限改为 {Zh(extendTo)}(原定 {Zh(overdueOn)},已延期 1 次)",
            $"now due {extendTo:yyyy-MM-dd} (originally {overdueOn:yyyy-MM-dd}, extended 1 time(s))"));

        // 领导批示, at the top of the details.
        await j.SendAsync(j.T("批示 1 请于本周内拿出排查方案", "instruct 1 send the plan this week"));
        await j.ExpectBotAsync(j.T("批示:请于本周内拿出排查方案", "send the plan this week"));
        await j.SendAsync(j.T("任务详情 1", "task details 1"));
        var instructed = await j.ExpectBotAsync(j.T("领导批示", "Leader's instructions"));
        await Assertions.Expect(instructed).ToContainTextAsync(j.T($"延期 1 次,原定 {Zh(overdueOn)}", $"1 time(s), originally due {overdueOn:yyyy-MM-dd}"));
        await j.ScreenshotAsync("details");

        // 办结 of the 重点 task goes to 验收: returned with a reason, then accepted.
        await j.SendAsync(j.T("办结 1 已完成全镇矛盾纠纷排查", "complete 1 the whole town was surveyed"));
        var acceptance = await j.ExpectBotAsync(j.T("待验收:任务 #1", "To accept: task #1"));
        await j.ClickAsync(acceptance, j.T("退回", "Return"));
        var back = await j.ExpectBotAsync(j.T("退回任务 #1", "Return task #1"));
        await j.FillAsync(back, j.T("退回原因", "Reason"), j.T("缺少排查台账", "The survey register is missing"));
        await j.ClickAsync(back, j.T("退回", "Return"));
        await j.ExpectBotAsync(j.T("验收未通过,已退回继续办理。原因:缺少排查台账", "was returned for more work. Reason: The survey register is missing"));
        await j.SendAsync(j.T("办结 1 已补充排查台账", "complete 1 the register is attached"));
        var again = await j.ExpectBotAsync(j.T("待验收:任务 #1", "To accept: task #1"));
        await j.ClickAsync(again, j.T("验收通过", "Accept"));
        await j.ExpectBotAsync(j.T("验收通过,已办结", "is accepted and done"));
        await j.ScreenshotAsync("accepted");
        j.AssertNoConsoleErrors();
    }
}
