using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

public class StudySignInAndStatsTests
{
    [Fact]
    public async Task Web_chat_series_reminders_arrive_on_time_and_people_sign_in_from_the_card()
    {
        var outbox = new Dictionary<string, OutboxMessage>();
        var db = TempPaths.NewDatabase();
        int id;
        using (var host = new BotHost(db))
        {
            await host.SendWebChatAsync(WebChat("安排学法"));
            await host.SendWebChatAsync(WebChatSubmit(Form("每月第一个周五 15:00")));
            id = Assert.Single(host.Service<StudyStore>().All()).Id;

            Assert.Empty(await ScanAsync(host, outbox, Local(4, 2, 15, 59)));
            var dayBefore = Assert.Single(await ScanAsync(host, outbox, Local(4, 2, 16, 0)));
            Assert.Equal($"study/{id}/2026-04-03/day-before", dayBefore.Key);
            Assert.Equal("local:office", dayBefore.WorkspaceId);
            Assert.Empty(await ScanAsync(host, outbox, Local(4, 3, 13, 59)));
            var hourBefore = Assert.Single(await ScanAsync(host, outbox, Local(4, 3, 14, 0)));
            Assert.Equal($"study/{id}/2026-04-03/hour-before", hourBefore.Key);

            var reminder = ActivityOf(hourBefore);
            BotHost.AssertCardsValid([reminder]);
            Assert.Contains("即将开始", reminder.AllText());
            Assert.Contains("三楼会议室", reminder.AllText());
            var signIn = Button(reminder, "study.signin", "2026-04-03");

            // 14:00: sign-in opens at 14:30.
            var early = (await host.SendWebChatAsync(WebChatSubmit(signIn, "user-2"))).AllText();
            Assert.Contains("签到从 14:30 开始", early);

            host.Clock.SetUtcNow(Local(4, 3, 14, 35));
            var ok = (await host.SendWebChatAsync(WebChatSubmit(signIn, "user-2"))).AllText();
            Assert.Contains("李娜 签到成功(14:35)", ok);
            Assert.Contains("已签到1人/应到3人", ok);
            var twice = (await host.SendWebChatAsync(WebChatSubmit(signIn, "user-2"))).AllText();
            Assert.Contains("您已于 14:35 签到过", twice);

            host.Clock.SetUtcNow(Local(4, 3, 15, 10));
            var typed = (await host.SendWebChatAsync(WebChat("签到", "user-1"))).AllText();
            Assert.Contains("王小明 签到成功(15:10)", typed);
            Assert.Contains("已签到2人", typed);

            host.Clock.SetUtcNow(Local(4, 3, 16, 31));
            var late = (await host.SendWebChatAsync(WebChatSubmit(signIn, "user-3"))).AllText();
            Assert.Contains("已于 16:30 结束,签到已关闭", late);

            var attendance = host.Service<StudyStore>().AttendanceOf("local:office", id, new DateOnly(2026, 4, 3));
            Assert.Equal(["李娜", "王小明"], attendance.OrderBy(a => a.SignedInUtc).Select(a => a.UserName));
            var names = (await host.SendWebChatAsync(WebChat($"签到名单 {id} 2026-04-03"))).AllText();
            Assert.Contains("已签到2人/应到3人", names);
            Assert.Contains("- 李娜 14:35\n- 王小明 15:10", names);
            Assert.Contains("- 王小明 15:10\n\n未签到:张三", names); // a blank line ends the list: in markdown the missing names are not part of the last bullet
        }

        // After a restart the same scan produces the same keys: the outbox rejects them, nothing is sent twice.
        using (var host = new BotHost(db))
        {
            Assert.Empty(await ScanAsync(host, outbox, Local(4, 3, 14, 10)));
            Assert.Equal($"study/{id}/2026-05-01/day-before", Assert.Single(await ScanAsync(host, outbox, Local(4, 30, 16, 0))).Key);
        }
    }

    [Fact]
    public async Task Typed_sign_in_with_nothing_open_says_when_or_that_there_is_none()
    {
        using var host = new BotHost();
        Assert.Contains("现在没有可以签到", (await host.SendAsync(Activities.GroupMention("签到"))).AllText());
        await host.SendAsync(Activities.GroupMention("安排学法"));
        await host.SendAsync(GroupSubmit(Form("3月12日 15:00")));
        var early = (await host.SendAsync(Activities.GroupMention("sign in", locale: "en-US"))).AllText();
        Assert.Contains("sign-in opens at 14:30", early);
    }

    [Fact]
    public async Task Yearly_figures_match_a_hand_count()
    {
        using var host = new BotHost();
        Task<string> Say(string text, string user = "user-1") => host.SendAsync(Activities.GroupMention(text, user)).ContinueWith(t => t.Result.AllText());

        await Say("安排学法");
        await host.SendAsync(GroupSubmit(Form("每月15日 09:30")));                                         // 民法典, 集中学习, 3 expected
        await Say("安排学法");
        await host.SendAsync(GroupSubmit(Form("3月20日 15:00", "以案释法:宪法", "宪法", "CaseExplanation", expected: null)));
        var monthly = host.Service<StudyStore>().All().Single(s => s.Law == "民法典");

        host.Clock.SetUtcNow(Local(3, 15, 9, 10));
        Assert.Contains("签到成功", await Say("签到", "user-1"));
        host.Clock.SetUtcNow(Local(3, 15, 9, 40));
        Assert.Contains("签到成功", await Say("签到", "user-2"));
        host.Clock.SetUtcNow(Local(3, 20, 15, 0));
        Assert.Contains("签到成功", await Say("签到", "user-1"));
        host.Clock.SetUtcNow(Local(3, 25, 10, 0));
        Assert.Contains("已取消", await Say($"取消学法 {monthly.Id} 2026-04-15"));
        host.Clock.SetUtcNow(Local(5, 15, 10, 0));
        Assert.Contains("签到成功", await Say("签到", "user-2"));
        host.Clock.SetUtcNow(Local(6, 1, 9, 0));

        // Held: 15 Mar, 20 Mar, 15 May (15 Apr cancelled, 15 Jun ahead). Sign-ins: 2 + 1 + 1 = 4.
        // Rate over sessions with expected people: (2 + 1) / (3 + 3) = 50%.
        var stats = await Say("学法统计");
        Assert.Contains("2026年共组织学法活动3次,参学4人次,平均出勤率50%。", stats);
        Assert.Contains("集中学习 2次", stats);
        Assert.Contains("以案释法 1次", stats);
        Assert.Contains("民法典 2次", stats);
        Assert.Contains("宪法 1次", stats);
        Assert.Contains("03-15 每月一法:民法典 2/3(67%)", stats);
        Assert.Contains("03-20 以案释法:宪法 签到1人", stats);
        Assert.Contains("05-15 每月一法:民法典 1/3(33%)", stats);
        Assert.Contains("王小明 2/3(67%)", stats);
        Assert.Contains("李娜 2/3(67%)", stats);
        Assert.Contains("张三 0/3(0%)", stats);
        Assert.Contains("每次学法出勤率: 03-15 66.7%, 05-15 33.3%", stats); // the chart's text (03-20 has no expected people)
        Assert.Matches(@"/charts/[A-Za-z0-9_-]{43}\.png", stats);

        Assert.Equal(stats, await Say("学法统计 2026年"));
        Assert.Contains("No study session was held in 2025", (await host.SendAsync(Activities.GroupMention("study stats 2025", locale: "en-US"))).AllText());
        Assert.Contains("年份没看懂", await Say("学法统计 去年"));
        Assert.Contains("2026年尚无已举办", (await host.SendAsync(Activities.GroupMention("学法统计", conversation: "19:other@thread.v2"))).AllText());
    }

    [Fact]
    public void Statistics_on_plain_records()
    {
        var zone = ChatBot.Bot.Conversation.TimeZones.Find("Asia/Shanghai");
        var created = Local(1, 1, 0);
        var a = StudyRecurrenceTests.Series(new StudyRule { Kind = StudyRuleKind.NthWeekday, Nth = -1, Weekday = DayOfWeek.Thursday, Start = new TimeOnly(14, 30) }, 1, created);
        a.ExpectedParticipants = ["甲", "乙"];
        a.Format = StudyFormat.Online;
        // Held by 2026-04-01 local: 29 Jan, 26 Feb, 26 Mar (3). Cancel February → 2.
        a.Changes.Add(new StudyOccurrenceChange { Date = new DateOnly(2026, 2, 26), Cancelled = true });
        var attendance = new[]
        {
            new StudyAttendance { SessionId = 1, OccurrenceDate = new DateOnly(2026, 1, 29), UserKey = "k:1", UserName = "甲", SignedInUtc = Local(1, 29, 14, 30) },
            new StudyAttendance { SessionId = 1, OccurrenceDate = new DateOnly(2026, 1, 29), UserKey = "k:2", UserName = "乙", SignedInUtc = Local(1, 29, 14, 31) },
            new StudyAttendance { SessionId = 1, OccurrenceDate = new DateOnly(2026, 3, 26), UserKey = "k:1", UserName = "甲", SignedInUtc = Local(3, 26, 14, 30) },
            new StudyAttendance { SessionId = 1, OccurrenceDate = new DateOnly(2026, 2, 26), UserKey = "k:1", UserName = "甲", SignedInUtc = Local(2, 26, 14, 30) }, // cancelled one: ignored
        };
        var f = StudyStatistics.ForYear(2026, [a], attendance, Local(4, 1, 0), zone);
        Assert.Equal(2, f.Held);
        Assert.Equal(1, f.Cancelled);
        Assert.Equal(3, f.Attendances);
        Assert.Equal([(StudyFormat.Online, 2)], f.ByFormat);
        Assert.Equal([1.0, 0.5], f.Sessions.Select(s => s.AttendanceRate!.Value));
        Assert.Equal(0.75, f.OverallRate);
        Assert.Equal([("甲", 2, 2), ("乙", 1, 2)], f.People.Select(p => (p.Name, p.Attended, p.Held)));
    }
}
