using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// The 督办 cycle (#24) between two people, each in a Web Chat page of their own (own browser context, so own user),
/// on one bot with the real clock: both pages act on the one local workspace, as two members of a group chat, and a
/// message that @mentions someone reaches that person's page. 赵主任 claims the admin role and binds the title
/// 王书记 to 李娜; an imported plan asks 李娜 to sign; 赵主任 chases, 李娜's progress answers the chase; 李娜 asks
/// for more time and 赵主任 approves; 李娜 reports the 重点 task done, 赵主任 returns it, then accepts it. Each person
/// asserts on their own page.
/// </summary>
[Collection(JourneyCollection.Name)]
public class SupervisionTwoUserJourneyTests(JourneyBrowser browser) : IClassFixture<JourneyBrowser>
{
    private const string KeyTask = "开展矛盾纠纷大排查";
    private const string Unbound = "沿街商铺占道整治";

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task An_admin_and_an_owner_work_a_key_task_through_the_cycle_each_in_their_own_page(string locale)
    {
        await using var admin = await Journey.StartAsync(browser, locale, "two-users-admin");
        await using var owner = await admin.SecondUserAsync(browser, "two-users-owner");
        var j = admin; // for j.T
        var today = Journey.Today;
        var overdueOn = today.AddDays(-3);
        var laterOn = today.AddDays(40);
        var extendTo = today.AddDays(20);
        static string Zh(DateOnly d) => $"{d.Year}年{d.Month}月{d.Day}日";

        // Who is who: names (Web Chat sends none), the first admin, and the title 王书记 bound to 李娜.
        await admin.SendAsync(j.T("我叫 赵主任", "my name is 赵主任"));
        await admin.ExpectBotAsync(j.T("好的,赵主任", "Thanks, 赵主任"));
        await owner.SendAsync(j.T("我叫 李娜", "my name is 李娜"));
        await owner.ExpectBotAsync(j.T("好的,李娜", "Thanks, 李娜"));
        await admin.SendAsync(j.T("设为管理员", "add admin"));
        await admin.ExpectBotAsync(j.T("已成为本群第一位管理员", "is now the first admin here"));
        await admin.SendAsync(j.T("绑定 王书记 李娜", "bind 王书记 李娜"));
        await admin.ExpectBotAsync(j.T("已将责任人“王书记”绑定到", "Owner \"王书记\" is now bound to"));
        await owner.ExpectBotAsync(j.T("已将责任人“王书记”绑定到", "Owner \"王书记\" is now bound to"));

        // 立项/下发: the admin imports the plan; 李娜 is asked to sign, 赵队长 (nobody) is named for 绑定.
        await admin.SendAsync(j.T("导入计划", "import plan"));
        await admin.ExpectBotAsync(j.T("或直接粘贴计划全文", "or paste the plan text"));
        await admin.SendAsync($"""
            {today.Year}年平安建设工作要点
            (一)矛盾纠纷化解
            1.【重点】{KeyTask}。(完成时限:{Zh(overdueOn)};牵头单位:司法所;责任人:王书记)
            2.{Unbound}。(完成时限:{Zh(laterOn)};牵头单位:综合执法办;责任人:赵队长)
            """);
        var preview = await admin.ExpectBotAsync(j.T("导入预览", "Import preview"));
        await admin.ClickAsync(preview, j.T("确认导入", "Import"));
        var summary = await admin.ExpectBotAsync(j.T("导入完成:新增 2 项", "Imported: 2 new"));
        await Assertions.Expect(summary).ToContainTextAsync(j.T("无法@本人签收:赵队长", "cannot be asked to sign: 赵队长"));
        await Assertions.Expect(summary).ToContainTextAsync(j.T("绑定 赵队长 @某人", "bind 赵队长 @someone"));
        var adminsCopy = await admin.ExpectBotAsync(j.T("新任务请签收(1 项)", "New tasks: please sign for them (1)"));
        await Assertions.Expect(adminsCopy).ToContainTextAsync(KeyTask);

        // 签收, in the owner's own page.
        var toSign = await owner.ExpectBotAsync(j.T("新任务请签收(1 项)", "New tasks: please sign for them (1)"));
        await Assertions.Expect(toSign).ToContainTextAsync(KeyTask);
        await Assertions.Expect(toSign).Not.ToContainTextAsync(Unbound);
        await owner.ScreenshotAsync("to-sign");
        await owner.ClickAsync(toSign, j.T("签收", "Sign for it"));
        await owner.ExpectBotAsync(j.T("李娜 已签收任务 #1", "李娜 signed for task #1"));

        // 催办 is the admin's; the chase reaches the owner, whose progress (by the chase card's button) answers it.
        await owner.SendAsync(j.T("催办 1", "chase task 1"));
        await owner.ExpectBotAsync(j.T("只有管理员", "Only admins"));
        await admin.SendAsync(j.T("催办 1", "chase task 1"));
        await admin.ExpectBotAsync(j.T("催办:任务 #1", "Chasing task #1"));
        var chase = await owner.ExpectBotAsync(j.T("催办:任务 #1", "Chasing task #1"));
        await Assertions.Expect(chase).ToContainTextAsync(j.T("赵主任 催办", "chased by 赵主任"));
        await owner.ClickAsync(chase, j.T("更新进度", "Update progress"));
        var progress = await owner.ExpectBotAsync(j.T("更新任务进度", "Update task progress"));
        await owner.FillAsync(progress, j.T("完成进度", "Progress"), "60");
        await owner.FillAsync(progress, j.T("进展情况", "What was done"), j.T("已排查12个村(社区)", "12 villages surveyed"));
        await owner.ClickAsync(progress, j.T("提交进度", "Submit"));
        await owner.ExpectBotAsync(j.T("进度为 60%", "is now at 60%"));
        var answered = await admin.ExpectBotAsync(j.T("已回应", "This answers the chase by"));
        await Assertions.Expect(answered).ToContainTextAsync("赵主任");

        // 延期申请 by the owner, approved on the admin's card; both see the new deadline.
        await owner.SendAsync(j.T($"申请延期 1 {extendTo:yyyy-MM-dd} 需等待县局统一部署", $"ask extension 1 {extendTo:yyyy-MM-dd} waiting for the county's plan"));
        await owner.ExpectBotAsync(j.T("等待管理员审批", "waiting for an admin's decision"));
        var decision = await admin.ExpectBotAsync(j.T("延期申请:任务 #1", "Extension request: task #1"));
        await admin.ScreenshotAsync("extension");
        await admin.ClickAsync(decision, j.T("同意延期", "Approve"));
        var moved = j.T($"完成时限改为 {Zh(extendTo)}(原定 {Zh(overdueOn)},已延期 1 次)",
            $"now due {extendTo:yyyy-MM-dd} (originally {overdueOn:yyyy-MM-dd}, extended 1 time(s))");
        await admin.ExpectBotAsync(moved);
        await owner.ExpectBotAsync(moved);

        // 办结 of the 重点 task: 待验收 on the admin's page, returned with a reason, done again, accepted.
        await owner.SendAsync(j.T("办结 1 已完成全镇矛盾纠纷排查", "complete 1 the whole town was surveyed"));
        await owner.ExpectBotAsync(j.T("等待管理员验收", "awaits an admin's acceptance"));
        var acceptance = await admin.ExpectBotAsync(j.T("待验收:任务 #1", "To accept: task #1"));
        await admin.ClickAsync(acceptance, j.T("退回", "Return"));
        var back = await admin.ExpectBotAsync(j.T("退回任务 #1", "Return task #1"));
        await admin.FillAsync(back, j.T("退回原因", "Reason"), j.T("缺少排查台账", "The survey register is missing"));
        await admin.ClickAsync(back, j.T("退回", "Return"));
        var returned = j.T("验收未通过,已退回继续办理。原因:缺少排查台账", "was returned for more work. Reason: The survey register is missing");
        await admin.ExpectBotAsync(returned);
        await owner.ExpectBotAsync(returned);
        await owner.SendAsync(j.T("办结 1 已补充排查台账", "complete 1 the register is attached"));
        await owner.ExpectBotAsync(j.T("等待管理员验收", "awaits an admin's acceptance"));
        var again = await admin.ExpectBotAsync(j.T("待验收:任务 #1", "To accept: task #1"));
        await admin.ClickAsync(again, j.T("验收通过", "Accept"));
        await admin.ExpectBotAsync(j.T("验收通过,已办结", "is accepted and done"));
        await owner.ExpectBotAsync(j.T("验收通过,已办结", "is accepted and done"));
        await owner.ScreenshotAsync("accepted");
        admin.AssertNoConsoleErrors();
        owner.AssertNoConsoleErrors();
    }
}
