using ChatBot.Bot.Conversation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Mediation;

/// <summary>延长调解, 司法确认 and the list marks (🔴 overdue, 待回访), in the chat. The test clock says 10 March 2026.</summary>
public class MediationExtensionTests
{
    private const string Chat = "personal-user-1";
    private static readonly string Ws = WorkspaceResolver.PersonalPrefix + "msteams:tenant-1:" + Chat;

    [Fact]
    public async Task An_overdue_case_is_red_in_the_list_until_extended_and_a_settled_one_shows_its_follow_up()
    {
        using var host = new BotHost();
        await host.SendAsync(Activities.Message("你好", conversation: Chat)); // the workspace exists
        var store = host.Service<MediationStore>();
        var actor = new MediationActor("msteams:user-1", "王小明");
        // Received 5 February: the limit was 5 March, so on 10 March it is overdue.
        var late = MediationTestKit.Case(new DateOnly(2026, 2, 5), DisputeType.Neighbour, "东岭村", MediationStatus.InProgress);
        late.WorkspaceId = Ws;
        store.Create(late, "f1", actor, host.Clock.GetUtcNow());
        var settled = MediationTestKit.Case(new DateOnly(2026, 3, 2), DisputeType.Family, "东岭村", MediationStatus.Succeeded, AgreementForm.Written);
        settled.WorkspaceId = Ws;
        settled.PerformanceDeadline = new DateOnly(2026, 3, 20);
        settled.ClosedOn = new DateOnly(2026, 3, 2);
        store.Create(settled, "f2", actor, host.Clock.GetUtcNow());
        async Task<string> Say(string text, string locale = "zh-CN") => (await host.SendAsync(Activities.Message(text, conversation: Chat, locale: locale))).AllText();

        var list = await Say("调解列表");
        Assert.Contains("2026-001 · 邻里 · 调解中 · 🔴 超期(期限 2026年3月5日)", list);
        Assert.Contains("2026-002 · 婚姻家庭 · 调解成功 · 待回访 2026年3月17日", list);

        Assert.Contains("请写明案号和延长原因", await Say("延长调解 2026-001"));
        Assert.Contains("已结案", await Say("延长调解 2026-002 双方同意"));
        var extended = await Say("延长调解 2026-001 双方同意等待伤情鉴定结果");
        Assert.Contains("已延长调解期限至 2026年4月5日(原因:双方同意等待伤情鉴定结果)", extended);
        Assert.Contains("2026年4月5日(已延长 1 次)", extended);
        Assert.DoesNotContain("🔴", await Say("调解列表"));
        Assert.Contains("extended to 2026-05-10", await Say("extend mediation 2026-001 assessment delayed to 2026-05-10", "en-US"));
        var c = store.Get(Ws, "2026-001")!;
        Assert.Equal([new DateOnly(2026, 4, 5), new DateOnly(2026, 5, 10)], c.Extensions.Select(e => e.NewLimit));
        Assert.Contains("mediation.extend", store.History(c).Select(a => a.Action));

        Assert.Contains("未调解成功", await Say("司法确认 2026-001"));
        Assert.Contains("已记录司法确认(2026年3月9日)", await Say("司法确认 2026-002 2026-03-09"));
        Assert.Equal(new DateOnly(2026, 3, 9), store.Get(Ws, "2026-002")!.CourtConfirmedOn);
    }
}
