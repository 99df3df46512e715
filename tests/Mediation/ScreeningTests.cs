using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>矛盾纠纷排查: the card and typed forms, 零报告, a dispute turned into a case with one click, 排查村居 and 排查统计.</summary>
public class ScreeningTests
{
    private const string Chat = "personal-user-1";
    private static readonly string Ws = WorkspaceResolver.PersonalPrefix + "msteams:tenant-1:" + Chat;

    /// <summary>The data of the first button with this verb among the replies.</summary>
    private static JsonElement ButtonData(IEnumerable<Activity> replies, string verb)
    {
        foreach (var r in replies)
            if (r.Card() is { } card && Find(card) is { } data) return data;
        throw new Xunit.Sdk.XunitException($"No button {verb} among the replies:\n" + replies.AllText());

        JsonElement? Find(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("verb", out var v) && v.GetString() == verb) return d;
                foreach (var p in e.EnumerateObject()) if (Find(p.Value) is { } f) return f;
            }
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var x in e.EnumerateArray()) if (Find(x) is { } f) return f;
            return null;
        }
    }

    /// <summary>The text of each table row (ColumnSet) of the cards among the replies.</summary>
    private static List<string> Rows(IEnumerable<Activity> replies)
    {
        var rows = new List<string>();
        foreach (var r in replies)
            if (r.Card() is { } card) Walk(card);
        return rows;

        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array) { foreach (var x in e.EnumerateArray()) Walk(x); return; }
            if (e.ValueKind != JsonValueKind.Object) return;
            if (e.TryGetProperty("type", out var t) && t.GetString() == "ColumnSet")
            {
                rows.Add(string.Join(" ", e.GetProperty("columns").EnumerateArray().Select(c => string.Join(" ", c.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString())))));
                return;
            }
            foreach (var p in e.EnumerateObject()) Walk(p.Value);
        }
    }

    private static Dictionary<string, object?> Round(string formId, Action<Dictionary<string, object?>>? change = null)
    {
        var form = new Dictionary<string, object?>
        {
            ["verb"] = "mediation.screening.form", ["formId"] = formId, ["date"] = "2026-03-10", ["village"] = "东岭村", ["screenedBy"] = "王小明",
            ["zeroReport"] = "false",
            ["dispute1Type"] = "Neighbour", ["dispute1Text"] = "两户因排水沟堵塞争吵",
            ["dispute2Type"] = "HousingLand", ["dispute2Text"] = "宅基地界址不清",
            ["dispute3Type"] = null, ["dispute3Text"] = "",
        };
        change?.Invoke(form);
        return form;
    }

    [Fact]
    public async Task Card_round_re_asks_bad_input_saves_disputes_and_one_click_makes_a_linked_case()
    {
        using var host = new BotHost();
        var store = host.Service<ScreeningStore>();
        async Task<IReadOnlyList<Activity>> Send(Activity a) => await host.SendAsync(a);

        var card = await Send(Activities.Message("矛盾纠纷排查", conversation: Chat));
        Assert.Contains("零报告(未发现矛盾纠纷)", card.AllText());
        Assert.Equal("王小明", InputValue(card, "screenedBy"));   // who screened: the sender by default
        Assert.Equal("2026-03-10", InputValue(card, "date"));     // today in Shanghai
        var formId = ButtonData(card, "mediation.screening.form").GetProperty("formId").GetString()!;

        var neither = (await Send(TeamsSubmit(Round(formId, f => { f["dispute1Type"] = f["dispute2Type"] = null; f["dispute1Text"] = f["dispute2Text"] = ""; })))).AllText();
        Assert.Contains("请填写发现的矛盾纠纷;没有发现的,请勾选“零报告”", neither);
        var both = (await Send(TeamsSubmit(Round(formId, f => f["zeroReport"] = "true")))).AllText();
        Assert.Contains("勾选了零报告,又填写了纠纷:请二选一", both);
        var future = (await Send(TeamsSubmit(Round(formId, f => { f["date"] = "2026-03-11"; f["dispute2Type"] = null; })))).AllText();
        Assert.Contains("排查日期不能晚于今天", future);
        Assert.Contains("请选择纠纷2的类型", future);
        Assert.Contains("宅基地界址不清", future);                 // the values come back as entered
        Assert.Empty(store.All(Ws));                              // nothing half-saved

        var saved = await Send(TeamsSubmit(Round(formId)));
        Assert.Contains("已记录排查,发现矛盾纠纷 2 件", saved.AllText());
        var round = Assert.Single(store.All(Ws));
        Assert.Equal(new DateOnly(2026, 3, 10), round.Date);
        Assert.Equal("东岭村", round.Village);
        Assert.Equal("王小明", round.ScreenedBy);
        Assert.Equal([DisputeType.Neighbour, DisputeType.HousingLand], round.Disputes.Select(d => d.Type));
        Assert.False(round.ZeroReport);
        // The same form again (a retry) saves nothing more.
        Assert.Contains("已记录过", (await Send(TeamsSubmit(Round(formId)))).AllText());
        Assert.Single(store.All(Ws));

        // 转为调解案件: the registration form, prefilled from the dispute.
        var button = ButtonData(saved, "mediation.screening.case");
        Assert.Equal(1, button.GetProperty("item").GetInt32());
        var registration = await Send(TeamsSubmit(JsonSerializer.Deserialize<Dictionary<string, object?>>(button.GetRawText())!));
        Assert.Equal("Screening", InputValue(registration, "source"));
        Assert.Equal("东岭村", InputValue(registration, "village"));
        Assert.Equal("Neighbour", InputValue(registration, "disputeType"));
        Assert.Equal("两户因排水沟堵塞争吵", InputValue(registration, "summary"));
        var caseFormId = FormIdOf(registration);
        Assert.Equal(round.CaseFormId(0), caseFormId);
        var logged = (await Send(TeamsSubmit(ValidForm(caseFormId, f =>
        {
            f["source"] = "Screening"; f["summary"] = "两户因排水沟堵塞争吵"; f["receivedOn"] = "2026-03-10";
            f["status"] = "InProgress"; f["agreementForm"] = null; f["agreementTerms"] = null; f["performanceDeadline"] = null;
        })))).AllText();
        Assert.Contains("已登记,案号 2026-001", logged);
        Assert.Equal(MediationSource.Screening, host.Service<MediationStore>().Get(Ws, "2026-001")!.Source);
        // A second click finds the case instead of opening another form.
        var again = (await Send(TeamsSubmit(new { verb = "mediation.screening.case", round = round.Key, item = 1 }))).AllText();
        Assert.Contains("这件纠纷已登记为调解案件 2026-001", again);
        Assert.Single(host.Service<MediationStore>().All(Ws));

        // 零报告 shortcut; without a village it asks and saves nothing.
        Assert.Contains("请写明村(社区)", (await Send(Activities.Message("零报告", conversation: Chat))).AllText());
        Assert.Single(store.All(Ws));
        Assert.Contains("已记录 西岭村 零报告", (await Send(Activities.Message("零报告 西岭村", conversation: Chat))).AllText());
        Assert.Contains("零报告未保存", (await Send(Activities.Message("零报告 南湖村 3月11日", conversation: Chat))).AllText()); // tomorrow
        Assert.Equal(2, store.All(Ws).Count);
        var zero = store.All(Ws).Single(r => r.Village == "西岭村");
        Assert.True(zero.ZeroReport);
        Assert.Equal(("西岭村", new DateOnly(2026, 3, 10), "王小明"), (zero.Village, zero.Date, zero.ScreenedBy));

        // 排查统计, worked by hand: March has 2 rounds, villages 东岭村 and 西岭村 (both known: from the case and rounds),
        // one 零报告, 2 disputes found, 1 made a case. January and February have none; later months are not shown.
        var statsReply = await Send(Activities.Message("排查统计", conversation: Chat));
        var stats = statsReply.AllText();
        var rows = Rows(statsReply);
        Assert.Contains("2026年矛盾纠纷排查统计", stats);
        Assert.Contains("全年排查2次(已知村居2个),零报告1次,发现矛盾纠纷2件,转为调解案件1件。", stats);
        Assert.Equal(["月份 排查次数 覆盖村居 零报告 发现纠纷 转为案件", "1月 0 0/2 0 0 0", "2月 0 0/2 0 0 0", "3月 2 2/2 1 2 1"], rows);
        Assert.Contains("请写年份", (await Send(Activities.Message("排查统计 明年吧", conversation: Chat))).AllText());
    }

    [Fact]
    public async Task Typed_form_asks_the_village_and_the_disputes_and_re_asks_a_type_it_cannot_read()
    {
        using var host = new BotHost();
        async Task<string> Say(string text) => (await host.SendAsync(TextOnly(text))).AllText();
        Assert.Contains("排查的村(社区)", await Say("矛盾纠纷排查"));
        Assert.Contains("发现的矛盾纠纷", await Say("东岭村"));
        Assert.Contains("第 2 件没看懂纠纷类型", await Say("邻里 两户争吵;吵架 两家"));
        var saved = await Say("邻里两户因排水沟争吵,村民13812345678反映;土地纠纷:承包地界址不清");
        Assert.Contains("已记录排查,发现矛盾纠纷 2 件", saved);
        Assert.Contains("1. 邻里 · 两户因排水沟争吵,村民138****5678反映", saved);   // a phone typed in is masked
        Assert.Contains("2. 山林土地 · 承包地界址不清", saved);
        // A date and a village after the command: only the disputes are asked.
        Assert.Contains("发现的矛盾纠纷", await Say("矛盾纠纷排查 3月2日 南湖社区"));
        Assert.Contains("已记录 南湖社区 零报告", await Say("零报告"));

        var rounds = host.Service<ScreeningStore>().All(host.Service<WorkspaceStore>().All().Single(w => w.ConversationId == "sms-user-1").Id);
        Assert.Equal(2, rounds.Count);
        Assert.Equal([DisputeType.Neighbour, DisputeType.ForestLand], rounds[1].Disputes.Select(d => d.Type));
        Assert.Equal("两户因排水沟争吵,村民13812345678反映", rounds[1].Disputes[0].Description);
        Assert.Equal((new DateOnly(2026, 3, 2), "南湖社区", true), (rounds[0].Date, rounds[0].Village, rounds[0].ZeroReport));
    }

    [Fact]
    public async Task Typed_answer_next_to_the_card_switches_to_questions_and_keeps_the_village()
    {
        using var host = new BotHost();
        async Task<string> Say(string text) => (await host.SendAsync(Activities.Message(text, conversation: Chat))).AllText();
        Assert.Contains("零报告(未发现矛盾纠纷)", await Say("矛盾纠纷排查"));
        var next = await Say("西岭村");
        Assert.Contains("逐项填写", next);
        Assert.Contains("发现的矛盾纠纷", next);
        Assert.Contains("已记录 西岭村 零报告", await Say("零报告"));
    }

    [Fact]
    public async Task English_zero_report_and_stats()
    {
        using var host = new BotHost();
        async Task<string> Say(string text) => (await host.SendAsync(TextOnly(text, locale: "en-US"))).AllText();
        Assert.Contains("Zero report recorded for Dongling", await Say("zero report Dongling"));
        Assert.Contains("Which village", await Say("screening"));
        Assert.Contains("Disputes found?", await Say("Xiling"));
        Assert.Contains("Dispute 1: I couldn't read the type", await Say("quarrel two families"));
        Assert.Contains("Screening recorded: 1 dispute found.", await Say("neighbour two families quarrel over a ditch"));
        var stats = await Say("screening stats 2026");
        Assert.Contains("2 screening rounds this year (2 villages known), 1 zero report, 1 dispute found, 0 became mediation cases.", stats);
        Assert.Contains("2026-03: 2 rounds, villages 2/2, zero reports 1, disputes found 1, became cases 0", stats);
    }

    [Fact]
    public async Task Screening_villages_are_set_by_an_admin_and_replace_the_villages_known_from_cases()
    {
        using var host = new BotHost();
        async Task<string> Say(string text, string user = "user-1") => (await host.SendAsync(Activities.GroupMention(text, user, GroupA))).AllText();
        Assert.Contains("还没有村(社区)名单", await Say("排查村居"));
        Assert.Contains("已记录 东岭村 零报告", await Say("零报告 东岭村"));
        Assert.Contains("需要排查报送的村(社区):东岭村。", await Say("排查村居"));   // known from the round
        var ws = host.Service<WorkspaceStore>().All().Single(w => w.ConversationId == GroupA);
        host.Service<WorkspaceStore>().SetAdmins(ws.Id, ["msteams:user-1"], new AuditEntry { RecordKey = "workspaces/" + ws.Id, WorkspaceId = ws.Id, Action = "test" });
        Assert.Contains("只有本群的管理员", await Say("排查村居 西岭村", "user-2"));
        Assert.Contains("共 3 个:西岭村、南湖社区、北山村", await Say("排查村居 西岭村、南湖社区 北山村"));
        Assert.Contains("需要排查报送的村(社区):西岭村、南湖社区、北山村。", await Say("排查村居"));
        Assert.Equal("西岭村、南湖社区、北山村", host.Service<WorkspaceStore>().Get(ws.Id)!.Settings["mediation.villages"]);
    }
}
