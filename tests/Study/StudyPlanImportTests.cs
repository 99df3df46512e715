using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Study;

/// <summary>
/// 导入学法计划 in a Teams group, on 2026-12-28 (Mon) 09:00 Shanghai, with the 2027 plan as a clerk pastes it from a
/// spreadsheet: a title line, a header, a blank line, "一月"/"三月", full-width punctuation, a missing presenter, a bad
/// date, an unknown format, a header repeated half-way and a note at the end. 2027 dates worked out by hand: 2027-01-01
/// is a Friday, so the first Fridays are 1-1, 2-5, 3-5, 4-2, 5-7, 6-4, 7-2, 8-6, 9-3, 10-1, 11-5, 12-3.
/// </summary>
public class StudyPlanImportTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";
    private static readonly DateTimeOffset Now = new(2026, 12, 28, 9, 0, 0, TimeSpan.FromHours(8));

    private static BotHost NewHost()
    {
        var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        host.Clock.SetUtcNow(Now);
        return host;
    }

    private static Activity Say(string text, string user = "user-1", string locale = "zh-CN") => Activities.GroupMention(text, user, Group, locale);

    private static Activity Click(object value, string user = "user-1", string locale = "zh-CN") => Activities.Submit(value, user, Group, "groupChat", locale: locale);

    private static string Row(params string[] cells) => string.Join("\t", cells);

    internal static string Plan(string februaryPresenter = "张律师", string aprilPresenter = "") => string.Join("\n",
        "2027年度机关干部学法计划",
        Row("月份", "学习主题", "法律法规", "形式", "主讲人/单位", "参学人员", "日期时间", "时长"),
        "",
        Row("一月", "学习《宪法》", "宪法", "集中学法", "司法所", "王小明、李娜", "", ""),
        Row("2月", "民法典合同编", "民法典", "专题讲座", februaryPresenter, "王小明、李娜", "2月18日 14:30-16:00", ""),
        Row("三月", "行政复议法要点", "行政复议法", "会前学法（党委会）", "王小明", "党委委员", "3月10日 08：30", ""),
        Row("4月", "信访工作条例", "信访工作条例", "网络学法", aprilPresenter, "王小明、李娜", "", ""),
        Row("5月", "安全生产法", "安全生产法", "旁听庭审", "县法院", "王小明", "5月32日 09:00", ""),
        Row("6月", "土地管理法", "土地管理法", "学习沙龙", "国土所", "王小明", "", ""),
        Row("7月", "《行政处罚法》解读", "", "以案释法", "综合执法队", "王小明，李娜", "7月9日 15：00", "1.5小时"),
        Row("月份", "学习主题", "法律法规", "形式", "主讲人/单位", "参学人员", "日期时间", "时长"),
        Row("8月", "未成年人保护法", "未成年人保护法", "集中学法", "团委", "王小明", "", ""),
        Row("九月", "反电信网络诈骗法", "反电信网络诈骗法", "专题讲座", "派出所", "王小明", "", ""),
        Row("10月", "保守国家秘密法", "保守国家秘密法", "集中学法", "党政办", "王小明", "", ""),
        Row("十一月", "宪法宣传周", "宪法", "集中学法", "司法所", "王小明、李娜", "", ""),
        Row("12月", "年度学法考试", "综合", "考试", "司法所", "王小明、李娜", "12月10日 09:00", "60分钟"),
        "备注：以上安排如有调整，另行通知。");

    [Fact]
    public async Task A_twelve_month_plan_with_odd_rows_is_previewed_saved_on_confirm_and_reimported_without_duplicates()
    {
        using var host = NewHost();
        var store = host.Service<StudyStore>();
        var preview = (await host.SendAsync(Say("导入学法计划\n" + Plan()))).AllText();
        Assert.Contains("2027年学法计划 · 导入预览", preview);
        Assert.Contains("识别场次", preview);
        Assert.Contains("未写日期的月份按本群惯例“每月第一个周五 15:00”安排", preview);
        Assert.Contains("2027年1月1日(周五)15:00–16:30(按惯例)", preview);
        Assert.Contains("2027年2月18日(周四)14:30–16:00", preview);
        Assert.Contains("2027年3月10日(周三)08:30–09:00", preview); // 会前学法: 30 minutes
        Assert.Contains("会前学法(党委会) · 主讲:王小明", preview);
        Assert.Contains("2027年4月2日(周五)15:00–16:30(按惯例)", preview);
        Assert.Contains("网上学法 · 主讲:未定", preview); // the missing presenter
        Assert.Contains("2027年7月9日(周五)15:00–16:30", preview); // full-width colon, 1.5小时
        Assert.Contains("行政处罚法 · 以案释法 · 主讲:综合执法队 · 应参学2人", preview); // the law from 《》, names split at "，"
        Assert.Contains("2027年10月1日(周五)15:00–16:30(按惯例)", preview);
        Assert.Contains("2027年12月10日(周五)09:00–10:00", preview);
        Assert.Contains("⚠️ 1月的惯例日期 2027年1月1日 是元旦(法定节假日)", preview);
        Assert.Contains("⚠️ 10月的惯例日期 2027年10月1日 是国庆节(法定节假日)", preview);
        Assert.Contains("以下 3 行未能识别,不会导入", preview);
        Assert.Contains("第8行:日期“5月32日 09:00”无效(5月没有32日)", preview);
        Assert.Contains("第9行:学法形式“学习沙龙”无法识别", preview);
        Assert.Contains("第17行:月份“备注:以上安排如有调整”无法识别", preview);
        Assert.DoesNotContain("土地管理法 ·", preview);
        Assert.Empty(store.InWorkspace(Ws)); // nothing before 确认

        var saved = (await host.SendAsync(Click(new { choice = "yes" }))).AllText();
        Assert.Contains("2027年学法计划已导入", saved);
        Assert.Contains("新增 10 场,更新 0 场,未变化 0 场", saved);
        Assert.Contains("#3 行政复议法要点", saved);
        Assert.Contains("会前学法(党委会) · 主讲:王小明", saved);
        var sessions = store.InWorkspace(Ws);
        Assert.Equal(10, sessions.Count);
        Assert.Equal([1, 2, 3, 4, 7, 8, 9, 10, 11, 12], sessions.Select(s => s.Rule.Date!.Value.Month));
        var march = sessions.Single(s => s.Title == "行政复议法要点");
        Assert.Equal(StudyFormat.PreMeeting, march.Format);
        Assert.Equal("党委会", march.Meeting);
        Assert.Equal(30, march.Rule.DurationMinutes);
        Assert.Equal("msteams:user-1", march.PresenterUserKey); // 王小明 is a member of the group: bound by name
        Assert.Equal("2027-03/行政复议法要点", march.PlanKey);
        var july = sessions.Single(s => s.Rule.Date!.Value.Month == 7);
        Assert.Equal("行政处罚法", july.Law);
        Assert.Equal(["王小明", "李娜"], july.ExpectedParticipants);
        Assert.Equal(90, july.Rule.DurationMinutes);
        Assert.Null(sessions.Single(s => s.Title == "信访工作条例").Presenter);
        Assert.Equal(StudyFormat.Online, sessions.Single(s => s.Title == "信访工作条例").Format);
        Assert.Equal(StudyFormat.Exam, sessions.Single(s => s.Title == "年度学法考试").Format);
        Assert.Equal(new DateOnly(2027, 9, 3), sessions.Single(s => s.Title == "反电信网络诈骗法").Rule.Date);
        Assert.Equal(new TimeOnly(15, 0), sessions.Single(s => s.Title == "反电信网络诈骗法").Rule.Start);

        // The same year's plan again, with a new presenter for February and one for April: matched by month and topic.
        var again = (await host.SendAsync(Say("导入学法计划\n" + Plan(februaryPresenter: "李律师", aprilPresenter: "李娜"), "user-2"))).AllText();
        Assert.Contains("其中已导入过(将更新)", again);
        Assert.Contains("民法典合同编(更新)", again);
        var updated = (await host.SendAsync(Click(new { choice = "yes" }, "user-2"))).AllText();
        Assert.Contains("新增 0 场,更新 2 场,未变化 8 场", updated);
        sessions = store.InWorkspace(Ws);
        Assert.Equal(10, sessions.Count);
        Assert.Equal("李律师", sessions.Single(s => s.Title == "民法典合同编").Presenter);
        var april = sessions.Single(s => s.Title == "信访工作条例");
        Assert.Equal("李娜", april.Presenter);
        Assert.Equal("msteams:user-2", april.PresenterUserKey);
        Assert.Equal("msteams:user-1", april.CreatedBy); // the organiser stays the one who first imported it
    }

    [Fact]
    public async Task Cancel_saves_nothing_an_unreadable_paste_is_asked_again_and_english_works()
    {
        using var host = NewHost();
        var store = host.Service<StudyStore>();
        await host.SendAsync(Say("导入学法计划\n" + Plan()));
        Assert.Contains("已取消导入,未保存任何内容", (await host.SendAsync(Click(new { choice = "no" }))).AllText());
        Assert.Empty(store.InWorkspace(Ws));

        var nothing = (await host.SendAsync(Say("导入学法计划\n今年好好学习"))).AllText();
        Assert.Contains("没有识别出任何学法场次,未保存任何内容", nothing);
        Assert.Contains("请粘贴学法计划表", nothing);
        Assert.Contains("已取消", (await host.SendAsync(Say("取消"))).AllText());
        Assert.Empty(store.InWorkspace(Ws));

        var en = (await host.SendAsync(Say("import study plan\n" + Plan(), locale: "en-US"))).AllText();
        Assert.Contains("2027 study plan · import preview", en);
        Assert.Contains("Months without a day use this group's usual day, \"First Friday of every month, 15:00\"", en);
        Assert.Contains("2027-01-01 (Fri) 15:00–16:30 (usual day)", en);
        Assert.Contains("Pre-meeting study (党委会) · Presenter: 王小明", en);
        Assert.Contains("Row 8: date \"5月32日 09:00\" does not exist.", en);
        Assert.Contains("is New Year's Day (a public holiday)", en);
        var saved = (await host.SendAsync(Click(new { choice = "yes" }, locale: "en-US"))).AllText();
        Assert.Contains("10 new, 0 updated, 0 unchanged", saved);
        Assert.Equal(10, store.InWorkspace(Ws).Count);
    }

    [Fact]
    public async Task A_csv_file_is_read_like_the_pasted_table()
    {
        using var host = NewHost();
        var csv = "月份,主题,法律法规,形式,主讲人,参学人员,日期时间\n3月,宪法学习,宪法,会前学法（镇长办公会）,李娜,王小明、李娜,\n4月,民法典,民法典,专题讲座,张律师,王小明,4月15日 15:00-17:00\n";
        var a = Say("导入学法计划");
        a.Attachments = [new Attachment { ContentType = "text/csv", Name = "2027年学法计划.csv", ContentUrl = "data:text/csv;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(csv)) }];
        var preview = (await host.SendAsync(a)).AllText();
        Assert.Contains("2027年学法计划 · 导入预览", preview);
        Assert.Contains("2027年3月5日(周五)15:00–15:30(按惯例)", preview); // 会前学法 on the usual day: 30 minutes
        Assert.Contains("会前学法(镇长办公会) · 主讲:李娜", preview);
        Assert.Contains("2027年4月15日(周四)15:00–17:00", preview);
        await host.SendAsync(Click(new { choice = "yes" }));
        Assert.Equal(2, host.Service<StudyStore>().InWorkspace(Ws).Count);
    }
}
