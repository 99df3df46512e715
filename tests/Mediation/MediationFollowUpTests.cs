using ChatBot.Bot.Conversation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

public class MediationFollowUpTests
{
    private const string Chat = "personal-user-1";

    private static async Task LogOpenCase(BotHost host)
    {
        var formId = FormIdOf(await host.SendAsync(Activities.Message("调解登记", conversation: Chat)));
        var saved = await host.SendAsync(TeamsSubmit(ValidForm(formId, f => { f["status"] = "InProgress"; f["agreementForm"] = null; })));
        Assert.Contains("2026-001", saved.AllText());
    }

    [Fact]
    public async Task Outcome_by_card_button_and_follow_up_by_text_update_the_case_and_the_audit()
    {
        using var host = new BotHost();
        await LogOpenCase(host);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        async Task<string> Say(string text) => (await host.SendAsync(Activities.Message(text, conversation: Chat))).AllText();

        // The case card's button opens the outcome form; a settled case without terms and deadline is refused.
        var form = await host.SendAsync(TeamsSubmit(new { verb = "mediation.outcome", caseNo = "2026-001" }));
        Assert.Contains("调解结果 · 2026-001", form.AllText());
        var refused = (await host.SendAsync(TeamsSubmit(new { verb = "mediation.outcome.form", caseNo = "2026-001", status = "Succeeded", agreementForm = "Written", closedOn = "2026-03-10", performanceDeadline = "2026-03-09" }))).AllText();
        Assert.Contains("调解成功的案件请填写协议内容", refused);
        Assert.Contains("履行期限不能早于结案日期", refused);
        Assert.Equal(MediationStatus.InProgress, host.Service<MediationStore>().Get(WorkspaceResolver.PersonalPrefix + "msteams:tenant-1:" + Chat, "2026-001")!.Status);
        var done = (await host.SendAsync(TeamsSubmit(new
        {
            verb = "mediation.outcome.form", caseNo = "2026-001", status = "Succeeded", agreementForm = "Written", closedOn = "2026-03-10",
            responsibility = "排水沟由欧阳小明堵塞,应负主要责任", agreementTerms = "欧阳小明赔偿张三800元", performanceManner = "一次性付清",
            performanceDeadline = "2026-03-31", agreementAmount = 800, note = "双方签订书面协议,赔偿800元",
        }))).AllText();
        Assert.Contains("已更新调解结果:调解成功", done);
        Assert.Contains("书面", done);
        Assert.Contains("最近更新 2026年3月10日 09:05", done);

        Assert.Contains("回访日期", await Say("回访 2026-1"));
        Assert.Contains("不能晚于今天", await Say("明天"));
        Assert.Contains("回访人", await Say("今天"));
        Assert.Contains("协议履行情况", await Say("我"));
        Assert.Contains("满意度", await Say("已履行"));
        Assert.Contains("遗留风险", await Say("基本满意"));
        Assert.Contains("回访情况说明", await Say("邻里关系仍较紧张"));
        var visited = await Say("已按协议支付");
        Assert.Contains("已记录回访(第 1 次)", visited);
        Assert.Contains("2026年3月10日 · 王小明 · 已履行 · 基本满意 · 遗留风险:邻里关系仍较紧张 · 已按协议支付", visited);

        var c = host.Service<MediationStore>().Get(WorkspaceResolver.PersonalPrefix + "msteams:tenant-1:" + Chat, "2026-001")!;
        Assert.Equal(MediationStatus.Succeeded, c.Status);
        Assert.Equal(AgreementForm.Written, c.AgreementForm);
        Assert.Equal("双方签订书面协议,赔偿800元", c.OutcomeNote);
        Assert.Equal("欧阳小明赔偿张三800元", c.AgreementTerms);
        Assert.Equal("排水沟由欧阳小明堵塞,应负主要责任", c.Responsibility);
        Assert.Equal("一次性付清", c.PerformanceManner);
        Assert.Equal(new DateOnly(2026, 3, 31), c.PerformanceDeadline);
        Assert.Equal(new DateOnly(2026, 3, 10), c.ClosedOn);
        Assert.Equal(800m, c.AgreementAmount);
        var visit = Assert.Single(c.FollowUps);
        Assert.Equal(new DateOnly(2026, 3, 10), visit.Date);
        Assert.Equal("王小明", visit.By);
        Assert.Equal(Performance.Fulfilled, visit.Performance);
        Assert.Equal(Satisfaction.FairlySatisfied, visit.Satisfaction);
        Assert.Equal("邻里关系仍较紧张", visit.RemainingRisk);
        Assert.Equal(["mediation.create", "mediation.outcome", "mediation.followup"], host.Service<MediationStore>().History(c).Select(a => a.Action));
    }

    [Fact]
    public async Task English_commands_record_a_failed_outcome_and_a_follow_up()
    {
        using var host = new BotHost();
        await LogOpenCase(host);
        async Task<string> Say(string text) => (await host.SendAsync(Activities.Message(text, conversation: Chat, locale: "en-US"))).AllText();

        Assert.Contains("Outcome (status) of case 2026-001", await Say("outcome 2026-001"));
        Assert.Contains("Date closed?", await Say("not settled")); // no agreement form asked when not settled
        Assert.Contains("A note?", await Say("today"));
        Assert.Contains("Outcome recorded: Not settled", await Say("skip"));
        Assert.Contains("Date of the visit", await Say("follow up 2026-001"));
        await Say("2026-03-09");
        await Say("Li Na");
        Assert.Contains("How satisfied", await Say("not applicable"));
        Assert.Contains("remaining risk", await Say("dissatisfied"));
        await Say("skip");
        Assert.Contains("Follow-up recorded (visit 1)", await Say("Parties advised to go to court"));
        Assert.Contains("There is no mediation case 2026-007", await Say("outcome 2026-007"));

        var c = host.Service<MediationStore>().Get(WorkspaceResolver.PersonalPrefix + "msteams:tenant-1:" + Chat, "2026-001")!;
        Assert.Equal(MediationStatus.Failed, c.Status);
        Assert.Null(c.AgreementForm);
        Assert.Equal(new DateOnly(2026, 3, 10), c.ClosedOn);
        Assert.Equal("Li Na", c.FollowUps.Single().By);
        Assert.Equal(Satisfaction.Dissatisfied, c.FollowUps.Single().Satisfaction);
    }

    [Fact]
    public async Task Lists_paginate_and_filter_by_open_month_and_village()
    {
        using var host = new BotHost();
        var store = host.Service<MediationStore>();
        var clerk = new MediationActor("webchat:u", "u");
        for (var i = 1; i <= 12; i++)
        {
            var c = Case(new DateOnly(2026, i <= 6 ? 2 : 3, i), DisputeType.Neighbour, i % 3 == 0 ? "南湖村" : "东岭村", i % 4 == 0 ? MediationStatus.InProgress : MediationStatus.Succeeded, AgreementForm.Oral);
            c.WorkspaceId = "local:office";
            store.Create(c, "f" + i, clerk, host.Clock.GetUtcNow());
        }
        async Task<IReadOnlyList<ChatBot.Bot.Channels.BotFramework.Schema.Activity>> Web(string text) =>
            await host.SendWebChatAsync(Activities.Message(text, "u", "wc-1", "webchat"));

        var first = await Web("调解列表");
        Assert.Contains("共 12 件", first.AllText());
        Assert.Contains("第 1/2 页", first.AllText());
        Assert.Contains("2026-012", first.AllText());
        Assert.DoesNotContain("2026-002 ·", first.AllText());
        var more = System.Text.Json.JsonSerializer.Serialize(first.Single().Card());
        Assert.Contains("mediation.list", more);

        var click = TeamsSubmit(new { verb = "mediation.list", filter = "", page = "2" }, "u", "wc-1");
        click.ChannelId = "webchat";
        var second = (await host.SendWebChatAsync(click)).AllText();
        Assert.Contains("第 2/2 页", second);
        Assert.Contains("2026-001 ·", second);
        Assert.Contains("2026-002 ·", second);
        Assert.DoesNotContain("2026-003 ·", second);

        var open = (await Web("mediations open")).AllText();
        Assert.Contains("3 case(s)", open.Replace("共 3 件", "3 case(s)"));
        Assert.Contains("2026-004", open);
        Assert.Contains("2026-008", open);
        Assert.Contains("2026-012", open);
        Assert.Contains("共 6 件", (await Web("调解列表 本月")).AllText());
        var village = (await Web("调解列表 南湖村")).AllText();
        Assert.Contains("共 4 件", village);
        Assert.DoesNotContain("东岭村", village.Replace("南湖村 的调解案件", ""));

        Assert.Contains("调解案件 2026-005", (await Web("调解 2026-5")).AllText());
        Assert.Contains("请写明案号", (await Web("调解 abc")).AllText());
    }
}
