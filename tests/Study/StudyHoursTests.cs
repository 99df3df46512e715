using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

/// <summary>
/// 学时 by hand: 民法典 2026-03-06 15:00, 90 min = 1.5 h; the 10th of each month 09:00, 60 min = 1 h (Jan 10, Feb 10,
/// Mar 10 held by Mar 20); 会前学法 2026-03-16 08:30, 30 min = 0.5 h; 2025-12-12 120 min = 2 h (last year).
/// 王小明: 1.5 + 1 + 1 + 0.5 = 4; 李娜: 1.5 + 1 = 2.5; 张三 (expected, never signed in): 0. Target 3: 张三, 李娜 below.
/// </summary>
public class StudyHoursTests
{
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";

    private static BotHost Host() => new(settings: new() { ["Reminders:Enabled"] = "false", ["Study:YearlyHoursTarget"] = "3" });

    internal static (StudySession CivilCode, StudySession Monthly, StudySession PreMeeting, StudySession LastYear) Seed(BotHost host)
    {
        var store = host.Service<StudyStore>();
        var created = Local(1, 1, 0).AddDays(-60);
        StudySession Add(string title, StudyRule rule, DateTimeOffset seriesStart) => store.Create(new StudySession
        {
            WorkspaceId = Ws, Title = title, Law = "民法典", Rule = rule, SeriesStartUtc = seriesStart,
            ExpectedParticipants = ["王小明", "李娜", "张三"], CreatedUtc = created, UpdatedUtc = created,
        }, new AuditEntry { Action = "test" });
        var civil = Add("每月一法:民法典", new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 3, 6), Start = new TimeOnly(15, 0), DurationMinutes = 90 }, created);
        var monthly = Add("每月十日学法", new StudyRule { Kind = StudyRuleKind.DayOfMonth, Day = 10, Start = new TimeOnly(9, 0), DurationMinutes = 60 }, Local(1, 1, 0));
        var pre = Add("会前学法:信访工作条例", new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 3, 16), Start = new TimeOnly(8, 30), DurationMinutes = 30 }, created);
        var last = Add("年终学法", new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2025, 12, 12), Start = new TimeOnly(15, 0), DurationMinutes = 120 }, created);
        void SignIn(StudySession s, DateOnly d, string user, string name) =>
            store.TrySignIn(new StudyAttendance { WorkspaceId = Ws, SessionId = s.Id, OccurrenceDate = d, UserKey = "msteams:" + user, UserName = name, SignedInUtc = created }, out _);
        SignIn(civil, new DateOnly(2026, 3, 6), "user-1", "王小明");
        SignIn(monthly, new DateOnly(2026, 1, 10), "user-1", "王小明");
        SignIn(monthly, new DateOnly(2026, 2, 10), "user-1", "王小明");
        SignIn(pre, new DateOnly(2026, 3, 16), "user-1", "王小明");
        SignIn(last, new DateOnly(2025, 12, 12), "user-1", "王小明");
        SignIn(civil, new DateOnly(2026, 3, 6), "user-2", "李娜");
        SignIn(monthly, new DateOnly(2026, 3, 10), "user-2", "李娜");
        return (civil, monthly, pre, last);
    }

    private static async Task<string> Say(BotHost host, string text, string user = "user-1", string locale = "zh-CN") =>
        (await host.SendAsync(Activities.GroupMention(text, user, locale: locale))).AllText();

    [Fact]
    public async Task My_study_lists_my_sessions_with_hours_and_the_total_for_the_year_asked()
    {
        using var host = Host();
        Seed(host);
        host.Clock.SetUtcNow(Local(3, 20, 12));

        var mine = await Say(host, "我的学法");
        Assert.Contains("王小明 2026年学法情况", mine);
        Assert.Contains("学时:4 / 目标 3(已达标)", mine);
        Assert.Contains("参加学法 4 次", mine);
        Assert.Contains("- 03-06 每月一法:民法典:1.5学时(签到)", mine);
        Assert.Contains("- 03-16 会前学法:信访工作条例:0.5学时(签到)", mine);
        Assert.DoesNotContain("年终学法", mine);

        var lastYear = await Say(host, "我的学法 2025年");
        Assert.Contains("学时:2 / 目标 3(还差 1)", lastYear);
        Assert.Contains("- 12-12 年终学法:2学时", lastYear);

        var hers = await Say(host, "my study", "user-2", "en-US");
        Assert.Contains("Study hours: 2.5 of a 3 target (0.5 to go)", hers);
        Assert.Contains("- 03-10 每月十日学法: 1 h (signed in)", hers);

        Assert.Contains("年份没看懂", await Say(host, "我的学法 明年吧"));
    }

    [Fact]
    public async Task Hours_stats_list_everyone_and_those_below_the_target()
    {
        using var host = Host();
        Seed(host);
        host.Clock.SetUtcNow(Local(3, 20, 12));

        var stats = await Say(host, "学时统计 2026");
        Assert.Contains("2026年学时统计**(年度目标 3 学时)", stats);
        Assert.Contains("- 王小明:4学时,参学4次\n- 李娜:2.5学时,参学2次\n- 张三:0学时,参学0次", stats);
        Assert.Contains("未达标 2 人:张三(0)、李娜(2.5)", stats);

        // The workspace's own target overrides the setting.
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(Ws)!;
        ws.Settings["study.hoursTarget"] = "2";
        workspaces.Save(ws);
        var en = await Say(host, "study hours", locale: "en-US");
        Assert.Contains("Below target (1): 张三(0)", en);
    }

    [Fact]
    public async Task Study_record_of_another_person_is_for_admins_and_names_unknown_people_politely()
    {
        using var host = Host();
        Seed(host);
        host.Clock.SetUtcNow(Local(3, 20, 12));
        Assert.Contains("学时:2.5 / 目标 3", await Say(host, "学法档案 李娜")); // no admins yet: every member acts as one

        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(Ws)!;
        ws.Admins.Add("msteams:user-2");
        workspaces.Save(ws);
        Assert.Contains("只有本群的管理员", await Say(host, "学法档案 李娜", "user-1"));
        var record = await Say(host, "学法档案 王小明 2026", "user-2");
        Assert.Contains("王小明 2026年学法情况", record);
        Assert.Contains("学时:4 / 目标 3", record);
        Assert.Contains("没有“赵六”的学法记录", await Say(host, "学法档案 赵六", "user-2"));
        Assert.Contains("请写明姓名", await Say(host, "学法档案", "user-2"));
    }
}
