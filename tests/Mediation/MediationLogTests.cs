using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

public class MediationLogTests
{
    private static MediationStore Store(BotHost host) => host.Service<MediationStore>();

    private static IReadOnlyList<MediationCase> AllCases(BotHost host) =>
        host.Service<LiteDB.LiteDatabase>().GetCollection<MediationCase>(MediationStore.Cases).FindAll().ToList();

    [Fact]
    public async Task Log_by_form_card_saves_the_case_with_a_case_number_and_updates_the_clicked_card()
    {
        using var host = new BotHost();
        var open = await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1"));
        var formId = FormIdOf(open);
        Assert.Equal("2026-03-10", InputValue(open, "receivedOn")); // defaults to today in Shanghai
        Assert.Contains("人民调解案件登记", open.AllText());

        var saved = await host.SendAsync(TeamsSubmit(ValidForm(formId)));
        Assert.Contains("已登记,案号 2026-001", saved.AllText());
        Assert.Contains("张三 13812345678", saved.AllText()); // personal chat: full details
        Assert.Contains("添加回访", saved.AllText());
        Assert.Contains("王小明 登记于 2026年3月10日 09:00", saved.AllText()); // in the workspace's time zone

        var c = Assert.Single(AllCases(host));
        Assert.Equal("2026-001", c.CaseNo);
        Assert.Equal(new DateOnly(2026, 3, 9), c.ReceivedOn);
        Assert.Equal(MediationSource.Application, c.Source);
        Assert.Equal(DisputeType.Neighbour, c.DisputeType);
        Assert.Equal("东岭村", c.Village);
        Assert.Equal(["张三", "欧阳小明"], c.Parties.Select(p => p.Name));
        Assert.Equal(["13812345678", "0571-87654321"], c.Parties.Select(p => p.Phone));
        Assert.Equal(2, c.PeopleInvolved);
        Assert.Equal(1500m, c.AmountInvolved);
        Assert.Equal(["王调解", "李调解"], c.Mediators);
        Assert.Equal(MediationStatus.Succeeded, c.Status);
        Assert.Equal(AgreementForm.Written, c.AgreementForm);
        Assert.False(c.Major);
        Assert.True(c.Collective);
        Assert.Equal("msteams:user-1", c.CreatedBy);

        // Teams: the clicked form is replaced by a read-only summary, so it cannot be submitted again.
        var updated = Assert.Single(host.Connector.Updated);
        Assert.Equal("bot-card-1", updated.Id);
        Assert.Contains("2026-001", updated.AllText());
        Assert.DoesNotContain("mediation.form", System.Text.Json.JsonSerializer.Serialize(updated.Card()));
        BotHost.AssertCardsValid([updated]);

        var audit = Store(host).History(c);
        Assert.Equal("mediation.create", Assert.Single(audit).Action);
        Assert.Equal("王小明", audit[0].UserName);
    }

    [Fact]
    public async Task A_second_submit_of_the_same_form_returns_the_existing_case()
    {
        using var host = new BotHost();
        var formId = FormIdOf(await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1")));
        await host.SendAsync(TeamsSubmit(ValidForm(formId)));
        var again = await host.SendAsync(TeamsSubmit(ValidForm(formId)));
        Assert.Contains("已登记,案号 2026-001", again.AllText());
        Assert.Contains("没有重复登记", again.AllText());
        Assert.Single(AllCases(host));

        // Two clicks racing each other still make one case.
        var raceId = FormIdOf(await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1")));
        await Task.WhenAll(host.SendAsync(TeamsSubmit(ValidForm(raceId))), host.SendAsync(TeamsSubmit(ValidForm(raceId))));
        Assert.Equal(["2026-001", "2026-002"], AllCases(host).Select(c => c.CaseNo).Order());
    }

    [Fact]
    public async Task An_invalid_submit_reshows_the_card_with_errors_and_values_and_saves_nothing()
    {
        using var host = new BotHost();
        var formId = FormIdOf(await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1")));
        var bad = await host.SendAsync(TeamsSubmit(ValidForm(formId, f =>
        {
            f["receivedOn"] = "2026-03-11"; // tomorrow
            f["party1Phone"] = "12345";
            f["village"] = "";
            f["people"] = "0";
            f["status"] = "Succeeded";
            f["agreementForm"] = null;
        })));
        var text = bad.AllText();
        Assert.Contains("受理日期不能晚于今天", text);
        Assert.Contains("电话“12345”格式不正确", text);
        Assert.Contains("请填写村(社区)", text);
        Assert.Contains("涉及人数应为不小于 1 的整数", text);
        Assert.Contains("请选择协议形式", text.Replace("调解成功的案件请选择协议形式", "请选择协议形式"));
        Assert.Empty(AllCases(host));
        // The values entered come back, with the same form id.
        Assert.Equal(formId, FormIdOf(bad));
        Assert.Equal("张三与欧阳小明因排水沟堵塞发生争执", InputValue(bad, "summary"));
        Assert.Equal("12345", InputValue(bad, "party1Phone"));
        Assert.Equal("2026-03-10", System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(bad.Last().Card())).RootElement
            .GetProperty("body").EnumerateArray().First(e => e.TryGetProperty("id", out var id) && id.GetString() == "receivedOn").GetProperty("max").GetString());

        var fixedUp = await host.SendAsync(TeamsSubmit(ValidForm(formId)));
        Assert.Contains("已登记,案号 2026-001", fixedUp.AllText());
        Assert.Single(AllCases(host));
    }

    [Fact]
    public async Task Log_by_text_dialog_in_chinese_where_cards_are_not_supported()
    {
        using var host = new BotHost();
        async Task<string> Say(string text) => (await host.SendAsync(TextOnly(text))).AllText();

        Assert.Contains("受理日期", await Say("调解登记"));
        Assert.Contains("不能晚于今天", await Say("明天"));
        Assert.Contains("纠纷来源", await Say("3月9日"));
        Assert.Contains("纠纷类型", await Say("当事人申请"));
        Assert.Contains("村(社区)", await Say("邻里纠纷"));
        Assert.Contains("当事人姓名", await Say("西山社区"));
        Assert.Contains("格式不正确", await Say("张三 12345、李四"));
        Assert.Contains("涉及人数", await Say("张三 男 45岁 13812345678 住西山社区5号、西山建材有限公司 法定代表人王五"));
        Assert.Contains("不能小于", await Say("0"));
        Assert.Contains("涉及金额", await Say("三"));
        Assert.Contains("简要情况", await Say("跳过"));
        Assert.Contains("调解员", await Say("院墙越界纠纷"));
        Assert.Contains("调解状态", await Say("我"));
        Assert.Contains("协议形式", await Say("调解成功"));
        Assert.Contains("口头协议的内容", await Say("口头"));
        Assert.Contains("履行期限", await Say("王五当场为张三修好院墙"));
        Assert.Contains("重大疑难", await Say("今天"));
        var confirm = await Say("都不是");
        Assert.Contains("请核对", confirm);
        Assert.Contains("张三(男,1981年生) 13812345678,住西山社区5号", confirm);
        Assert.Contains("西山建材有限公司(单位,法定代表人/负责人 王五)", confirm);
        Assert.Contains("口头协议内容: 王五当场为张三修好院墙", confirm);
        Assert.Contains("已登记,案号 2026-001", await Say("是"));

        var c = Assert.Single(AllCases(host));
        Assert.Equal(new DateOnly(2026, 3, 9), c.ReceivedOn);
        Assert.Equal(DisputeType.Neighbour, c.DisputeType);
        Assert.Equal("西山社区", c.Village);
        Assert.Equal(["张三", "西山建材有限公司"], c.Parties.Select(p => p.Name));
        Assert.Equal("13812345678", c.Parties[0].Phone);
        Assert.Equal(PartySex.Male, c.Parties[0].Sex);
        Assert.Equal(1981, c.Parties[0].BirthYear); // 45 years old when received in 2026
        Assert.Equal("西山社区5号", c.Parties[0].Address);
        Assert.Equal(PartyKind.Person, c.Parties[0].Kind);
        Assert.Null(c.Parties[1].Phone);
        Assert.Equal(PartyKind.Organisation, c.Parties[1].Kind);
        Assert.Equal("王五", c.Parties[1].Representative);
        Assert.Equal("王五当场为张三修好院墙", c.AgreementTerms);
        Assert.Equal(new DateOnly(2026, 3, 10), c.PerformanceDeadline);
        Assert.Equal(new DateOnly(2026, 3, 10), c.ClosedOn);
        Assert.Equal(3, c.PeopleInvolved);
        Assert.Equal(0m, c.AmountInvolved);
        Assert.Equal(["王小明"], c.Mediators);
        Assert.Equal(MediationStatus.Succeeded, c.Status);
        Assert.Equal(AgreementForm.Oral, c.AgreementForm);
        Assert.False(c.Major || c.Collective);
    }

    [Fact]
    public async Task Log_by_text_dialog_in_english_and_decline_saves_nothing()
    {
        using var host = new BotHost();
        async Task<string> Say(string text) => (await host.SendAsync(TextOnly(text, locale: "en-US"))).AllText();

        Assert.Contains("Date received", await Say("log mediation"));
        Assert.Contains("Where did the case come from", await Say("2026-03-02"));
        Assert.Contains("Type of dispute", await Say("1"));
        Assert.Contains("village", await Say("contract"));
        Assert.Contains("parties", await Say("East Village"));
        Assert.Contains("How many", await Say("Zhang San 13812345678, Li Si 0571-12345678"));
        Assert.Contains("Amount", await Say("4"));
        Assert.Contains("Summary", await Say("2500.5"));
        Assert.Contains("Mediator", await Say("Unpaid invoice for seedlings"));
        Assert.Contains("status", await Say("Chen, Liu"));
        Assert.Contains("major", await Say("in mediation"));
        Assert.Contains("Save this case?", await Say("both"));
        Assert.Contains("Logged as case 2026-001", await Say("yes"));

        var c = Assert.Single(AllCases(host));
        Assert.Equal(DisputeType.Contract, c.DisputeType);
        Assert.Equal(["Zhang San", "Li Si"], c.Parties.Select(p => p.Name));
        Assert.Equal("0571-12345678", c.Parties[1].Phone);
        Assert.Equal(2500.5m, c.AmountInvolved);
        Assert.Equal(["Chen", "Liu"], c.Mediators);
        Assert.Equal(MediationStatus.InProgress, c.Status);
        Assert.Null(c.AgreementForm);
        Assert.True(c.Major && c.Collective);

        // A second run that the clerk declines at the end leaves nothing behind.
        foreach (var answer in new[] { "log mediation", "today", "2", "other", "X", "Wang Wu", "2", "skip", "Something", "me", "accepted", "neither" })
            await Say(answer);
        Assert.Contains("nothing was saved", await Say("no"));
        Assert.Single(AllCases(host));
    }

    [Fact]
    public async Task Typing_instead_of_filling_the_card_switches_to_the_step_by_step_dialog()
    {
        using var host = new BotHost();
        await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1"));
        var switched = (await host.SendAsync(Activities.Message("我想一步一步填", conversation: "personal-user-1"))).AllText();
        Assert.Contains("一项一项填写", switched);
        Assert.Contains("受理日期", switched);
    }

    [Fact]
    public async Task Web_chat_logs_into_the_local_workspace()
    {
        using var host = new BotHost();
        var open = Activities.Message("调解登记", conversation: "wc-1", channel: "webchat");
        var formId = FormIdOf(await host.SendWebChatAsync(open));
        var submit = TeamsSubmit(ValidForm(formId), conversation: "wc-1");
        submit.ChannelId = "webchat";
        Assert.Contains("已登记,案号 2026-001", (await host.SendWebChatAsync(submit)).AllText());
        Assert.Equal("local:office", Assert.Single(AllCases(host)).WorkspaceId);
    }
}
