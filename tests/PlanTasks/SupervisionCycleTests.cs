using System.Text;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// The 督办 cycle (#24) in a Teams group with two people: 王小明 (user-1) is the admin (督查办), 李娜 (user-2) the owner.
/// The clock starts on Tuesday 2026-03-10, 09:00 in Shanghai.
/// </summary>
public class SupervisionCycleTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";
    private const string Admin = "user-1", Owner = "user-2";

    // #1 重点, lead 综合执法办 supported by 司法所 and 派出所, due Thursday 03-12 (yellow); #2 overdue since 03-05; #3 on track.
    private const string Csv = "计划,板块,任务,责任人,牵头单位,配合单位,重点,完成时限\n"
        + "2026年依法行政工作计划,(三)规范执法,全面推行行政执法公示制度,李娜,综合执法办,司法所、派出所,是,2026-03-12\n"
        + "2026年依法行政工作计划,(三)规范执法,开展执法案卷评查,李娜,司法所,,,2026-03-05\n"
        + "2026年依法行政工作计划,(四)法治宣传,宪法宣传周,王小明,司法所,,,年底\n";

    private static Activity Say(string text, string user = Admin, string locale = "zh-CN") => Activities.GroupMention(text, user, Group, locale);

    private static Activity Click(object value, string user = Admin) => Activities.Submit(value, user, Group, "groupChat");

    private static async Task<BotHost> GroupWithPlanAsync()
    {
        var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var import = Say("导入计划");
        import.Attachments = [new Attachment { ContentType = "text/csv", Name = "计划.csv", ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Csv)) }];
        Assert.Contains("导入预览", (await host.SendAsync(import)).AllText());
        Assert.Contains("新增 3 项", (await host.SendAsync(Click(new { choice = "yes" }))).AllText());
        await host.SendAsync(Say("任务列表", Owner)); // the owner has spoken in the group: the bot can @mention her
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(Ws)!;
        ws.Admins = ["msteams:" + Admin];
        workspaces.Save(ws);
        return host;
    }

    private static PlanTask Task(BotHost host, int id) => host.Service<PlanTaskStore>().Get(Ws, id)!;

    [Fact]
    public async Task Lead_and_supporting_units_come_from_the_import_and_show_and_filter_in_lists()
    {
        await using var host = await GroupWithPlanAsync();
        var first = Task(host, 1);
        Assert.Equal("综合执法办", first.Department);
        Assert.Equal(["司法所", "派出所"], first.Supervision.SupportUnits);
        Assert.True(first.Supervision.IsKey);
        Assert.False(Task(host, 2).Supervision.IsKey);

        var supported = (await host.SendAsync(Say("任务列表 配合 派出所"))).AllText();
        Assert.Contains("派出所配合的任务", supported);
        Assert.Contains("#1 全面推行行政执法公示制度", supported);
        Assert.Contains("配合:司法所、派出所", supported);
        Assert.DoesNotContain("开展执法案卷评查", supported);

        var details = (await host.SendAsync(Say("任务详情 1"))).AllText();
        Assert.Contains("【重点】", details);
        Assert.Contains("配合单位", details);

        // The outline form of an imported plan: "牵头单位:司法所;配合单位:综治中心、派出所".
        var outline = "2026年平安建设工作要点\n(一)矛盾纠纷化解\n1.【重点】开展矛盾纠纷大排查(牵头单位:司法所;配合单位:综治中心、派出所;6月底前完成)";
        Assert.Contains("导入预览", (await host.SendAsync(Say("导入计划\n" + outline))).AllText());
        await host.SendAsync(Click(new { choice = "yes" }));
        var fromOutline = host.Service<PlanTaskStore>().All(Ws).Single(t => t.Title == "开展矛盾纠纷大排查");
        Assert.Equal("司法所", fromOutline.Department);
        Assert.Equal(["综治中心", "派出所"], fromOutline.Supervision.SupportUnits);
        Assert.True(fromOutline.Supervision.IsKey);
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task A_new_task_asks_its_owner_to_sign_for_it_and_the_owner_signs()
    {
        await using var host = await GroupWithPlanAsync();
        var form = await host.SendAsync(Say("新建任务"));
        Assert.Contains("配合单位", form.AllText());
        var saved = await host.SendAsync(Click(new
        {
            form = "task", plan = "2026年依法行政工作计划", year = "2026", section = "", title = "修订行政执法案卷标准", owners = "李娜",
            department = "司法所", support = "综治中心", key = "false", due = "2026-04-30",
        }));
        var ask = saved.Single(a => a.AllText().Contains("新任务请签收"));
        Assert.Contains("<at>李娜</at>", ask.Text);
        Assert.Contains(ask.Entities!, e => e.Type == "mention" && e.Mentioned?.Id == Owner);
        var id = host.Service<PlanTaskStore>().All(Ws).Single(t => t.Title == "修订行政执法案卷标准").Id;
        Assert.Contains("待签收", (await host.SendAsync(Say("任务列表 待签收"))).AllText());

        Assert.Contains("李娜 已签收任务", (await host.SendAsync(Click(new { verb = SupervisionCards.AcknowledgeVerb, taskId = id }, Owner))).AllText());
        var signed = Task(host, id).Supervision;
        Assert.Equal(("李娜", host.Clock.GetUtcNow()), (signed.AcknowledgedBy, signed.AcknowledgedUtc!.Value));
        Assert.Contains("已由 李娜 签收", (await host.SendAsync(Say($"签收 {id}", Owner))).AllText());
        Assert.DoesNotContain("修订行政执法案卷标准", (await host.SendAsync(Say("任务列表 待签收"))).AllText());
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task Chasing_mentions_the_owner_at_most_once_a_day_counts_and_the_next_update_answers_it()
    {
        await using var host = await GroupWithPlanAsync();
        // The overdue list and the list carry a 催办 button for #2 (overdue) and #1 (due in 2 days), none for #3.
        var overdue = (await host.SendAsync(Say("逾期任务"))).AllText();
        Assert.Contains("催办 #2", overdue);
        Assert.Contains("催办 #1", overdue);
        Assert.DoesNotContain("催办 #3", (await host.SendAsync(Say("任务列表"))).AllText());

        Assert.Contains("只有管理员", (await host.SendAsync(Say("催办 2", Owner))).AllText());
        Assert.Contains("进度正常", (await host.SendAsync(Say("催办 3"))).AllText());
        Assert.Empty(Task(host, 3).Supervision.Chases);

        var chase = Assert.Single(await host.SendAsync(Click(new { verb = SupervisionCards.ChaseVerb, taskId = 2 })));
        Assert.Contains("<at>李娜</at>", chase.Text);
        Assert.Contains(chase.Entities!, e => e.Type == "mention" && e.Mentioned?.Id == Owner);
        Assert.Contains("更新进度", chase.AllText());
        Assert.Contains("今天已经催办过了", (await host.SendAsync(Say("催办 2"))).AllText());
        Assert.Single(Task(host, 2).Supervision.Chases);

        host.Clock.Advance(TimeSpan.FromDays(1)); // Wednesday 03-11: a new day, a new chase
        await host.SendAsync(Say("催办 2"));
        var chases = Task(host, 2).Supervision.Chases;
        Assert.Equal(2, chases.Count);
        Assert.Equal(("王小明", new DateTimeOffset(2026, 3, 11, 1, 0, 0, TimeSpan.Zero)), (chases[1].ByName, chases[1].AtUtc));
        Assert.Contains("已催办 2 次,最近 3月11日", (await host.SendAsync(Say("任务详情 2"))).AllText());

        host.Clock.Advance(TimeSpan.FromHours(3)); // the owner answers three hours later
        await host.SendAsync(Say("更新进度 2 50 已评查案卷30卷", Owner));
        var answered = Task(host, 2).Supervision.Chases;
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 4, 0, 0, TimeSpan.Zero), answered[1].AnsweredUtc);
        Assert.Equal(TimeSpan.FromHours(3), answered[1].AnsweredUtc - answered[1].AtUtc);
        Assert.Equal(TimeSpan.FromHours(27), answered[0].AnsweredUtc - answered[0].AtUtc); // yesterday's chase, answered by the same update
        Assert.Equal("李娜", answered[0].AnsweredBy);
        Assert.Null(Task(host, 2).Supervision.OpenChase);
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task An_extension_is_asked_by_the_owner_and_decided_by_the_admin_keeping_the_original_deadline()
    {
        await using var host = await GroupWithPlanAsync();
        Assert.Contains("应晚于现在的时限", (await host.SendAsync(Say("申请延期 1 2026-03-01 等待批复", Owner))).AllText());
        Assert.Contains("没能识别延期日期", (await host.SendAsync(Say("申请延期 1 某天 等待批复", Owner))).AllText());
        Assert.Empty(Task(host, 1).Supervision.Extensions); // nothing half-saved

        var asked = await host.SendAsync(Say("申请延期 1 2026-03-31 需等待县局统一部署", Owner));
        Assert.Contains("等待管理员审批", asked.AllText());
        var decisionCard = asked.Single(a => a.AllText().Contains("延期申请:任务 #1"));
        Assert.Contains("<at>王小明</at>", decisionCard.Text);
        Assert.Contains("同意延期", decisionCard.AllText());
        Assert.Contains("已有一项延期申请", (await host.SendAsync(Say("申请延期 1 2026-04-30 再延", Owner))).AllText());

        Assert.Contains("只有管理员", (await host.SendAsync(Click(new { verb = SupervisionCards.ApproveExtensionVerb, taskId = 1 }, Owner))).AllText());
        var approved = (await host.SendAsync(Click(new { verb = SupervisionCards.ApproveExtensionVerb, taskId = 1 }))).AllText();
        Assert.Contains("完成时限改为 2026年3月31日(原定 2026年3月12日,已延期 1 次)", approved);
        var task = Task(host, 1);
        Assert.Equal((new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 12), 1), (task.DueDate, task.Supervision.OriginalDueDate!.Value, task.Supervision.ApprovedExtensions));
        Assert.Contains("延期 1 次,原定 2026年3月12日", (await host.SendAsync(Say("任务详情 1"))).AllText());
        Assert.Contains("延期1次", (await host.SendAsync(Say("任务列表"))).AllText());

        // A second one, refused: the deadline stays, the original one too.
        await host.SendAsync(Say("申请延期 1 2026-05-31 人手不足", Owner));
        Assert.Contains("未获同意", (await host.SendAsync(Say("不同意延期 1 请按期完成"))).AllText());
        task = Task(host, 1);
        Assert.Equal((new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 12), 1), (task.DueDate, task.Supervision.OriginalDueDate!.Value, task.Supervision.ApprovedExtensions));
        Assert.Equal(ExtensionDecision.Refused, task.Supervision.Extensions[1].Decision);
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task A_key_task_goes_to_acceptance_is_returned_with_a_reason_then_accepted_and_a_plain_task_closes_at_once()
    {
        await using var host = await GroupWithPlanAsync();
        var submitted = await host.SendAsync(Say("办结 1 已在政府网站公示全部执法信息", Owner));
        Assert.Contains("等待管理员验收", submitted.AllText());
        Assert.Contains("待验收:任务 #1", submitted.AllText());
        Assert.Equal(PlanTaskStatus.PendingAcceptance, Task(host, 1).Status);
        Assert.DoesNotContain(host.Service<PlanTaskStore>().Open(Ws), t => t.Id == 1);
        Assert.Contains("#1 全面推行行政执法公示制度", (await host.SendAsync(Say("任务列表 待验收"))).AllText());

        Assert.Contains("只有管理员", (await host.SendAsync(Click(new { verb = SupervisionCards.AcceptVerb, taskId = 1 }, Owner))).AllText());
        Assert.Contains("退回原因", (await host.SendAsync(Click(new { verb = SupervisionCards.ReturnFormVerb, taskId = 1 }))).AllText());
        var returned = Assert.Single(await host.SendAsync(Click(new { verb = SupervisionCards.ReturnVerb, taskId = 1, reason = "缺少公示截图等佐证材料" })));
        Assert.Contains("<at>李娜</at>", returned.Text);
        Assert.Contains("缺少公示截图等佐证材料", returned.Text);
        Assert.Equal(PlanTaskStatus.InProgress, Task(host, 1).Status);
        Assert.Contains(host.Service<PlanTaskStore>().Open(Ws), t => t.Id == 1);

        await host.SendAsync(Say("办结 1 已补充公示截图12张", Owner));
        Assert.Contains("验收通过,已办结", (await host.SendAsync(Say("验收 1"))).AllText());
        var done = Task(host, 1);
        Assert.Equal((PlanTaskStatus.Done, "王小明"), (done.Status, done.Supervision.AcceptedBy));
        Assert.Contains(host.Service<PlanTaskStore>().Done(Ws), t => t.Id == 1);

        Assert.Contains("已办结,反馈已记录", (await host.SendAsync(Say("办结 2 已评查案卷50卷", Owner))).AllText()); // not 重点
        Assert.Equal(PlanTaskStatus.Done, Task(host, 2).Status);
        host.AssertAllCardsRender();
    }

    [Fact]
    public async Task A_leaders_instruction_is_sent_to_the_owner_and_heads_the_details()
    {
        await using var host = await GroupWithPlanAsync();
        Assert.Contains("只有管理员", (await host.SendAsync(Say("批示 2 请加快进度", Owner))).AllText());
        var sent = Assert.Single(await host.SendAsync(Say("批示 2 请于本周五前报送评查结果")));
        Assert.Contains("<at>李娜</at>", sent.Text);
        Assert.Contains("请于本周五前报送评查结果", sent.Text);
        Assert.Contains(sent.Entities!, e => e.Type == "mention" && e.Mentioned?.Id == Owner);

        var details = (await host.SendAsync(Say("任务详情 2"))).AllText();
        Assert.True(details.IndexOf("领导批示", StringComparison.Ordinal) < details.IndexOf("开展执法案卷评查", StringComparison.Ordinal), details);
        Assert.Contains("请于本周五前报送评查结果(王小明", details);
        host.AssertAllCardsRender();
    }
}
