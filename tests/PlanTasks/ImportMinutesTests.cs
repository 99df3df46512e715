using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// 导入纪要 through a Teams group: preview, 确认, undated decisions kept as drafts whose deadlines are asked for one by
/// one (or given later with 设定时限), nothing saved on 取消.
/// </summary>
public class ImportMinutesTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";

    private static BotHost NewHost() => new(settings: new() { ["Reminders:Enabled"] = "false" });

    private static Activity Say(string text, string locale = "zh-CN") => Activities.GroupMention(text, conversation: Group, locale: locale);

    private static Activity Click(object value) => Activities.Submit(value, conversation: Group, conversationType: "groupChat");

    [Fact]
    public async Task Minutes_are_previewed_saved_on_confirm_and_a_missing_deadline_is_asked_for()
    {
        using var host = NewHost();
        var preview = (await host.SendAsync(Say("导入纪要\n" + MinutesParserTests.PartyCommittee))).AllText();
        Assert.Contains("会议纪要导入预览", preview);
        Assert.Contains("城关镇党委会会议议定事项", preview);
        Assert.Contains("完成沿街商铺占道整治", preview);
        Assert.Contains("派出所", preview);
        Assert.Contains("2026年12月20日", preview);
        Assert.Contains("⚠️ 纪要未写,确认后请补充", preview);
        Assert.Contains("四、会议要求各部门高度重视冬季安全生产", preview);
        var store = host.Service<PlanTaskStore>();
        Assert.Empty(store.All(Ws)); // nothing before 确认

        var saved = (await host.SendAsync(Click(new { choice = "yes" }))).AllText();
        Assert.Contains("新增 3 项", saved);
        Assert.Contains("还有 1 项没有时限,已存为草稿", saved);
        Assert.Contains("议定事项 #4“尽快研究制定春节期间值班方案”(牵头:党政办)纪要中没有时限,已存为草稿", saved);
        Assert.Equal([(4, PlanTaskStatus.Draft)], store.Drafts(Ws).Select(t => (t.Id, t.Status)));
        var tasks = store.All(Ws);
        Assert.Equal(3, tasks.Count);
        var shops = tasks.Single(t => t.Title == "完成沿街商铺占道整治");
        Assert.Equal("综合执法办", shops.Department);
        Assert.Equal(["派出所"], shops.Supervision.SupportUnits);
        Assert.Equal(PlanTaskDraft.MeetingPlanKind, shops.Supervision.PlanKind);
        Assert.Equal("城关镇党委会会议议定事项", shops.PlanTitle);
        Assert.Equal(2026, shops.PlanYear);

        Assert.Contains("没看懂这个时限", (await host.SendAsync(Say("过完年再说"))).AllText()); // re-asked, nothing saved
        Assert.Equal(3, store.All(Ws).Count);
        var dated = (await host.SendAsync(Say("2027年1月20日"))).AllText();
        Assert.Contains("已保存:#4 尽快研究制定春节期间值班方案,时限 2027年1月20日", dated);
        Assert.Equal((new DateOnly(2027, 1, 20), PlanTaskStatus.NotStarted), (store.Get(Ws, 4)!.DueDate, store.Get(Ws, 4)!.Status));
        Assert.Empty(store.Drafts(Ws));
    }

    [Fact]
    public async Task Cancel_saves_nothing_skip_leaves_the_undated_item_out_and_english_works()
    {
        using var host = NewHost();
        await host.SendAsync(Say("导入纪要\n" + MinutesParserTests.PartyCommittee));
        Assert.Contains("已取消,未保存任何内容", (await host.SendAsync(Click(new { choice = "no" }))).AllText());
        Assert.Empty(host.Service<PlanTaskStore>().All(Ws));

        var en = (await host.SendAsync(Say("import minutes\n" + MinutesParserTests.PartyCommittee, "en-US"))).AllText();
        Assert.Contains("Meeting minutes preview", en);
        Assert.Contains("none in the minutes: you will be asked", en);
        await host.SendAsync(Click(new { choice = "yes" }));
        Assert.Contains("#4 \"尽快研究制定春节期间值班方案\" stays a draft", (await host.SendAsync(Say("skip", "en-US"))).AllText());
        var store = host.Service<PlanTaskStore>();
        Assert.Equal(3, store.All(Ws).Count); // a draft is in no list but the drafts
        Assert.Equal(4, Assert.Single(store.Drafts(Ws)).Id);
        Assert.DoesNotContain("春节期间值班方案", (await host.SendAsync(Say("任务列表 全部"))).AllText());
        Assert.DoesNotContain("春节期间值班方案", (await host.SendAsync(Say("进度公开"))).AllText());

        var drafts = (await host.SendAsync(Say("任务列表 草稿"))).AllText();
        Assert.Contains("草稿", drafts);
        Assert.Contains("#4 尽快研究制定春节期间值班方案", drafts);
        Assert.Contains("还是草稿,没有时限", (await host.SendAsync(Say("更新进度 4 30 已起草"))).AllText());
        Assert.Contains("没看懂这个时限", (await host.SendAsync(Say("设定时限 4 过完年"))).AllText());
        Assert.Contains("不是草稿", (await host.SendAsync(Say("设定时限 1 2026-12-31"))).AllText());
        Assert.Contains("任务 #4“尽快研究制定春节期间值班方案”时限定为 2026年12月20日,已转为正式任务", (await host.SendAsync(Say("设定时限 4 2026-12-20"))).AllText());
        Assert.Equal((new DateOnly(2026, 12, 20), PlanTaskStatus.NotStarted), (store.Get(Ws, 4)!.DueDate, store.Get(Ws, 4)!.Status));
        Assert.Empty(store.Drafts(Ws));
        Assert.Contains("#4 尽快研究制定春节期间值班方案", (await host.SendAsync(Say("任务列表"))).AllText());

        var nothing = (await host.SendAsync(Say("导入纪要\n今天天气不错"))).AllText();
        Assert.Contains("没有找到议定事项", nothing);
    }
}
