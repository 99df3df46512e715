using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// The whole 督办 cycle (#24) in one Teams group chat with two people, as Teams sends it: 王小明 (user-1) is the admin
/// (督查办), 李娜 (user-2) the owner, and the task names its owner by title ("王书记"), bound to 李娜. The clock starts
/// on Tuesday 2026-03-10, 09:00 in Shanghai; the task is due Wednesday 03-11 (yellow: due within 3 days).
/// </summary>
public class TwoUserCycleTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";
    private const string Admin = "user-1", Owner = "user-2";

    private static Activity Say(string text, string user) => Activities.GroupMention(text, user, Group);

    private static Activity Click(object value, string user) => Activities.Submit(value, user, Group, "groupChat");

    [Fact]
    public async Task Assign_sign_chase_answer_complete_and_accept_with_the_owner_refused_admin_actions()
    {
        await using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        await host.SendAsync(Say("设为管理员", Admin));
        await host.SendAsync(Say("帮助", Owner)); // the owner has spoken in the group
        Assert.Equal(["msteams:" + Admin], host.Service<WorkspaceStore>().Get(Ws)!.Admins);
        Assert.Contains("已将责任人“王书记”绑定到 <at>李娜</at>", (await host.SendAsync(Say("绑定 王书记 李娜", Admin))).AllText());

        // 立项/下发: the admin assigns a key task to 王书记; 李娜 is asked to sign.
        await host.SendAsync(Say("新建任务", Admin));
        var assigned = await host.SendAsync(Click(new
        {
            form = "task", plan = "2026年平安建设工作要点", year = "2026", section = "", title = "开展矛盾纠纷大排查", owners = "王书记",
            department = "综治中心", support = "司法所", key = "true", due = "2026-03-11",
        }, Admin));
        var ask = assigned.Single(a => a.AllText().Contains("新任务请签收"));
        Assert.Contains("<at>王书记</at>", ask.Text);
        Assert.Contains(ask.Entities!, e => e.Type == "mention" && e.Mentioned?.Id == Owner);
        var id = host.Service<PlanTaskStore>().All(Ws).Single().Id;

        // 签收 by the owner: the binding makes the title hers.
        Assert.Contains("李娜 已签收任务", (await host.SendAsync(Click(new { verb = SupervisionCards.AcknowledgeVerb, taskId = id }, Owner))).AllText());

        // 催办 is the admin's: the owner is refused, the admin's chase @mentions her.
        Assert.Contains("只有管理员", (await host.SendAsync(Say($"催办 {id}", Owner))).AllText());
        var chase = Assert.Single(await host.SendAsync(Say($"催办 {id}", Admin)));
        Assert.Contains(chase.Entities!, e => e.Type == "mention" && e.Mentioned?.Id == Owner);
        Assert.NotNull(host.Service<PlanTaskStore>().Get(Ws, id)!.Supervision.OpenChase);

        // Two hours later her progress answers the chase.
        host.Clock.Advance(TimeSpan.FromHours(2));
        var answered = Assert.Single(await host.SendAsync(Say($"更新进度 {id} 60 已排查12个村(社区)", Owner)));
        Assert.Contains("已回应 <at>王小明</at> 的催办", answered.Text); // the chaser is told
        Assert.Contains(answered.Entities!, e => e.Type == "mention" && e.Mentioned?.Id == Admin);
        var task = host.Service<PlanTaskStore>().Get(Ws, id)!;
        Assert.Null(task.Supervision.OpenChase);
        Assert.Equal(TimeSpan.FromHours(2), task.Supervision.Chases[0].AnsweredUtc - task.Supervision.Chases[0].AtUtc);

        // 办结: a key task waits for 验收, which the owner may not give herself.
        Assert.Contains("等待管理员验收", (await host.SendAsync(Say($"办结 {id} 已排查全部17个村(社区),化解纠纷23件", Owner))).AllText());
        Assert.Equal(PlanTaskStatus.PendingAcceptance, host.Service<PlanTaskStore>().Get(Ws, id)!.Status);
        Assert.Contains("只有管理员", (await host.SendAsync(Say($"验收 {id}", Owner))).AllText());
        Assert.Contains($"⏳ 待验收 1 项(#{id},用“验收 编号”)", (await host.SendAsync(Say("逾期任务", Admin))).AllText());

        Assert.Contains("验收通过,已办结", (await host.SendAsync(Say($"验收 {id}", Admin))).AllText());
        var done = host.Service<PlanTaskStore>().Get(Ws, id)!;
        Assert.Equal((PlanTaskStatus.Done, "王小明", "李娜"), (done.Status, done.Supervision.AcceptedBy, done.CompletedBy));
        Assert.DoesNotContain("待验收", (await host.SendAsync(Say("逾期任务", Admin))).AllText());
        host.AssertAllCardsRender();
    }
}
