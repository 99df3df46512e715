using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

/// <summary>
/// One exam, 2026-03-12 15:00, expected 王小明 李娜 张三 赵六 钱七. Sitting 1: 王小明 95 (优秀), 李娜 55 (不合格),
/// 赵六 80 (良好, the floor), 钱七 59.5 (不合格); 张三 absent. Pass rate 2/4 = 50%.
/// Make-up (sitting 2): 李娜 72 → best 72 合格; 钱七 58 → best stays 59.5 不合格, sitting 3 left.
/// After: 王小明 优秀, 赵六 良好, 李娜 合格, 钱七 不合格: 3/4 = 75%; make-up list: 钱七 (2 sat), 张三 (absent).
/// </summary>
public class StudyExamTests
{
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";

    private static async Task<string> Say(BotHost host, string text, string user = "user-1", string locale = "zh-CN") =>
        (await host.SendAsync(Activities.GroupMention(text, user, locale: locale))).AllText();

    private static async Task<int> ScheduleExamAsync(BotHost host)
    {
        await Say(host, "安排学法");
        await host.SendAsync(GroupSubmit(Form("3月12日 15:00", "学法考试:行政复议法", "行政复议法", "Exam", expected: "王小明、李娜、张三、赵六、钱七")));
        return Assert.Single(host.Service<StudyStore>().All()).Id;
    }

    [Fact]
    public async Task A_pasted_list_is_graded_make_ups_count_the_best_and_the_rates_are_right()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var id = await ScheduleExamAsync(host);
        host.Clock.SetUtcNow(Local(3, 12, 17));

        var first = await Say(host, $"录入成绩 {id} 2026-03-12\n王小明 95\n李娜 55\n赵六 80\n钱七 59.5\n张三 缺考");
        Assert.Contains("4人的成绩", first);
        Assert.Contains("王小明 95 优秀;李娜 55 不合格;赵六 80 良好;钱七 59.5 不合格", first);
        Assert.Contains("缺考:张三(列入补考名单)", first);

        var stats = await Say(host, "考试统计");
        Assert.Contains("03-12 学法考试:行政复议法:参考4人,缺考1人,合格2人,合格率50%;优秀1人,良好1人,合格0人,不合格2人", stats);

        var list = await Say(host, "补考名单");
        Assert.Contains($"#{id} 2026-03-12 学法考试:行政复议法:钱七(59.5分,已考1次)、李娜(55分,已考1次)、张三(缺考)", list);

        Assert.Contains("已记录", await Say(host, $"录入成绩 {id} 2026-03-12 补考 李娜 72、钱七 58"));
        stats = await Say(host, "考试统计 2026");
        Assert.Contains("参考4人,缺考1人,合格3人,合格率75%;优秀1人,良好1人,合格1人,不合格1人", stats);
        Assert.Contains("全年:参考4人次,合格3人次,合格率75%", stats);
        list = await Say(host, "补考名单");
        Assert.Contains("钱七(59.5分,已考2次)、张三(缺考)", list);
        Assert.DoesNotContain("李娜", list);

        var record = await Say(host, "学法档案 钱七");
        Assert.Contains("59.5 不合格(第1次 59.5,第2次 58)", record);

        // A third sitting is allowed, a fourth is not, and nothing of that list is saved.
        Assert.Contains("已记录", await Say(host, $"录入成绩 {id} 2026-03-12 补考 钱七 61"));
        var fourth = await Say(host, $"录入成绩 {id} 2026-03-12 补考 钱七 70、王小明 99");
        Assert.Contains("钱七已考满3次", fourth);
        Assert.Contains("没有保存", fourth);
        Assert.Equal(95, host.Service<StudyStore>().ScoresOf(Ws).Where(s => s.Name == "王小明").Max(s => s.Score));
        Assert.Contains("合格率100%", await Say(host, "考试统计"));

        var en = await Say(host, "exam stats", locale: "en-US");
        Assert.Contains("4 sat, 1 absent, 4 passed, pass rate 100%; Excellent 1, Good 1, Pass 2, Fail 0", en);
    }

    [Fact]
    public async Task The_latest_sitting_counts_when_so_set_and_grade_bands_follow_the_settings()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false", ["Study:BestAttemptCounts"] = "false", ["Study:PassFrom"] = "70" });
        var id = await ScheduleExamAsync(host);
        host.Clock.SetUtcNow(Local(3, 12, 17));
        await Say(host, $"录入成绩 {id} 2026-03-12 李娜 75、赵六 65");
        await Say(host, $"录入成绩 {id} 2026-03-12 第2次 李娜 68");
        var stats = await Say(host, "考试统计");
        // 李娜: latest 68 < 70 不合格; 赵六 65 < 70 不合格.
        Assert.Contains("参考2人,缺考3人,合格0人,合格率0%", stats);
    }

    [Fact]
    public async Task The_form_card_takes_a_list_and_a_make_up_notifies_those_on_the_list()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var id = await ScheduleExamAsync(host);
        host.Clock.SetUtcNow(Local(3, 12, 17));
        var form = await host.SendAsync(Activities.GroupMention("录入成绩"));
        Assert.Contains("录入考试成绩", form.AllText());
        var saved = await host.SendAsync(GroupSubmit(new { verb = "study.scores", occurrence = $"{id} 2026-03-12", attempt = "first", scores = "王小明 95\n李娜 55" }));
        Assert.Contains("2人的成绩", saved.AllText());
        var bad = await host.SendAsync(GroupSubmit(new { verb = "study.scores", occurrence = $"{id} 2026-03-12", attempt = "first", scores = "赵六 九十" }));
        Assert.Contains("没看懂:赵六 九十", bad.AllText());

        // 李娜 (a member the bot has seen) failed; 张三, 赵六, 钱七 were absent.
        await Say(host, "我的学法", "user-2");
        Assert.Contains("已经过去了", await Say(host, $"安排补考 {id} 2026-03-12 3月1日 15:00"));
        var made = await Say(host, $"安排补考 {id} 2026-03-12 3月26日 15:00");
        Assert.Contains("补考人员:李娜、张三、赵六、钱七", made);
        var makeUp = host.Service<StudyStore>().All().Single(s => s.MakeUpOfSessionId == id);

        var outbox = new Dictionary<string, OutboxMessage>();
        var notice = Assert.Single(await ScanAsync(host, outbox, Local(3, 12, 17, 1)));
        Assert.Equal($"study/{makeUp.Id}/makeup-notice", notice.Key);
        var activity = ActivityOf(notice);
        Assert.True(activity.Text!.Contains("<at>李娜</at> 张三 赵六 钱七:请参加补考“补考:学法考试:行政复议法”,时间 2026年3月26日(周四)15:00–16:30"), activity.Text);
        Assert.Contains(activity.Entities!, e => e.Type == "mention" && e.Mentioned?.Name == "李娜");
        Assert.Empty(await ScanAsync(host, outbox, Local(3, 13, 9)));

        // Make-up scores go to the exam as the next sitting.
        host.Clock.SetUtcNow(Local(3, 26, 17));
        Assert.Contains("李娜 85(第2次) 良好", await Say(host, $"录入成绩 {makeUp.Id} 2026-03-26 李娜 85"));
        Assert.DoesNotContain("李娜", await Say(host, "补考名单"));
    }
}
