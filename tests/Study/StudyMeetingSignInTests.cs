using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.MeetingEvents;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

/// <summary>
/// A session held as a Teams meeting: 2026-04-03 15:00–16:00 Shanghai (07:00–08:00 UTC), 60 minutes, so 30 minutes in
/// the meeting sign a person in. By hand (Shanghai times): 王小明 14:58–15:10 and 15:20–16:00 = 12 + 40 = 52 min, signed
/// in; 李娜 15:00–15:35 = 35 min, signed in; 张三 15:00–15:20 = 20 min, not; 赵六 signed in by hand at 15:05 and stays to
/// the end: kept as his own sign-in, not a second one.
/// </summary>
public class StudyMeetingSignInTests
{
    private static BotHost Host() => new(settings: new() { ["Reminders:Enabled"] = "false" });

    private static StudySession Session(BotHost host, string workspaceId)
    {
        var created = Local(3, 1, 9);
        return host.Service<StudyStore>().Create(new StudySession
        {
            WorkspaceId = workspaceId, Title = "学法:民法典合同编", Law = "民法典", Format = StudyFormat.Online,
            Rule = new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 4, 3), Start = new TimeOnly(15, 0), DurationMinutes = 60 },
            SeriesStartUtc = created, ExpectedParticipants = ["王小明", "李娜", "张三", "赵六"], CreatedUtc = created, UpdatedUtc = created,
        }, new AuditEntry { Action = "test" });
    }

    private static async Task<string> Post(BotHost host, ChatBot.Bot.Channels.BotFramework.Schema.Activity a)
    {
        host.Clock.SetUtcNow(a.Timestamp!.Value);
        return (await host.SendAsync(a)).AllText();
    }

    [Fact]
    public async Task Joins_leaves_and_rejoins_sign_in_those_present_for_half_the_session()
    {
        using var host = Host();
        var session = Session(host, ChatWorkspace);

        var linked = await Post(host, Start("ev-start", Local(4, 3, 14, 58)));
        Assert.Contains("本次会议已关联学法活动“学法:民法典合同编”", linked);
        Assert.Contains("在会满 30 分钟", linked);
        await Post(host, Join("ev-j1", Local(4, 3, 14, 58), ["user-1"]));
        await Post(host, Join("ev-j2", Local(4, 3, 15, 0), ["user-2", "user-3", "user-4"]));
        host.Clock.SetUtcNow(Local(4, 3, 15, 5));
        var manual = Activities.GroupMention("签到", "user-4", Chat);
        manual.From!.Name = "赵六";
        Assert.Contains("赵六 签到成功", (await host.SendAsync(manual)).AllText());
        var leave = Leave("ev-l1", Local(4, 3, 15, 10), ["user-1"]);
        await Post(host, leave);
        await Post(host, Join("ev-j3", Local(4, 3, 15, 20), ["user-1"]));
        await Post(host, Leave("ev-l2", Local(4, 3, 15, 20), ["user-3"]));
        // Teams redelivers the 15:10 leave after the rejoin: applied again it would end his second stay.
        Assert.Equal("", await Post(host, Leave("ev-l1", Local(4, 3, 15, 21), ["user-1"])));
        await Post(host, Leave("ev-l3", Local(4, 3, 15, 35), ["user-2"]));

        var ended = await Post(host, End("ev-end", Local(4, 3, 16, 0)));
        Assert.Contains("会议结束,“学法:民法典合同编”自动签到(会议)2人:王小明、李娜。", ended);
        Assert.Contains("已自行签到:赵六。", ended);
        Assert.Contains("在会不足 30 分钟,未签到:张三(20分钟)", ended);

        var attendance = host.Service<StudyStore>().AttendanceOf(ChatWorkspace, session.Id, new DateOnly(2026, 4, 3)).ToDictionary(a => a.UserName!);
        Assert.Equal(new[] { "李娜", "王小明", "赵六" }.Order(StringComparer.Ordinal), attendance.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((StudySignInMethod.Meeting, 52), (attendance["王小明"].Method, attendance["王小明"].MinutesPresent));
        Assert.Equal((StudySignInMethod.Meeting, 35), (attendance["李娜"].Method, attendance["李娜"].MinutesPresent));
        Assert.Equal((StudySignInMethod.SelfSignIn, null), (attendance["赵六"].Method, attendance["赵六"].MinutesPresent));

        // A second meetingEnd (a new id) signs nobody in twice and says nothing.
        Assert.Equal("", await Post(host, End("ev-end-2", Local(4, 3, 16, 1))));
        Assert.Equal(3, host.Service<StudyStore>().AttendanceOf(ChatWorkspace, session.Id, new DateOnly(2026, 4, 3)).Count);

        host.Clock.SetUtcNow(Local(4, 3, 17));
        var list = (await host.SendAsync(Activities.GroupMention($"签到名单 {session.Id} 2026-04-03", "user-4", Chat))).AllText();
        Assert.Contains("已签到3人/应到4人", list);
        Assert.Contains("- 赵六 15:05\n", list);
        Assert.Contains("- 王小明 16:00 自动签到(会议),在会52分钟", list);
        Assert.Contains("- 李娜 16:00 自动签到(会议),在会35分钟", list);
        Assert.Contains("未签到:张三", list);
        var en = (await host.SendAsync(Activities.GroupMention($"study attendance {session.Id} 2026-04-03", "user-4", Chat, "en-US"))).AllText();
        Assert.Contains("- 李娜 16:00 auto sign-in (meeting), 35 min in the meeting", en);

        var mine = (await host.SendAsync(Activities.GroupMention("我的学法", "user-1", Chat))).AllText();
        Assert.Contains("学法:民法典合同编:1学时(自动签到(会议))", mine);
    }

    [Fact]
    public async Task Events_of_a_meeting_no_session_matches_are_ignored_politely()
    {
        using var host = Host();
        var session = Session(host, ChatWorkspace);
        const string other = "MCMxOTptZWV0aW5nX290aGVyQHRocmVhZC52MiMw";

        var store = host.Service<StudyStore>();

        // Within the session's window but in another chat (not scheduled there, not linked): ignored.
        const string elsewhere = "19:meeting_b3RoZXItY2hhdA@thread.v2";
        Assert.Equal("", await Post(host, Start("x-start", Local(4, 3, 15), "MCMxOTpvdGhlcg", elsewhere)));
        Assert.Equal("", await Post(host, Join("x-j", Local(4, 3, 15), ["user-1"], "MCMxOTpvdGhlcg", elsewhere)));
        Assert.Equal("", await Post(host, End("x-end", Local(4, 3, 16), "MCMxOTpvdGhlcg", elsewhere)));
        Assert.Null(store.Meeting("MCMxOTpvdGhlcg"));
        Assert.Empty(store.AttendanceOf(ChatWorkspace, session.Id, new DateOnly(2026, 4, 3)));

        // The same chat meets the next morning: no study session then.
        Assert.Equal("", await Post(host, Start("o-start", Local(4, 4, 9), other)));
        Assert.Equal("", await Post(host, Join("o-j", Local(4, 4, 9), ["user-1"], other)));
        Assert.Equal("", await Post(host, Leave("o-l", Local(4, 4, 10), ["user-1"], other)));
        Assert.Equal("", await Post(host, End("o-end", Local(4, 4, 10), other)));
        Assert.Null(store.Meeting(other));
        Assert.Empty(store.AttendanceOf(ChatWorkspace));
    }

    [Fact]
    public async Task A_meeting_chat_linked_by_its_number_signs_in_to_the_groups_session()
    {
        using var host = Host();
        const string group = "msteams:tenant-1:19:group-1@thread.v2";
        var session = Session(host, group);
        host.Clock.SetUtcNow(Local(4, 1, 10));
        await host.SendAsync(Activities.GroupMention("学法安排", "user-1")); // user-1 is a member of group-1 (no admins: acts as one)

        Assert.Contains("请写明学法活动编号", (await host.SendAsync(Activities.GroupMention("关联会议", "user-1", Chat))).AllText());
        Assert.Contains("没有找到编号为 999", (await host.SendAsync(Activities.GroupMention("关联会议 999", "user-1", Chat))).AllText());
        Assert.Contains("没有找到编号", (await host.SendAsync(Activities.GroupMention($"关联会议 {session.Id}", "user-9", Chat))).AllText()); // not in group-1
        Assert.Contains("已关联", (await host.SendAsync(Activities.GroupMention($"关联会议 {session.Id}", "user-1", Chat))).AllText());

        Assert.Contains("本次会议已关联学法活动", await Post(host, Start("l-start", Local(4, 3, 15, 2))));
        await Post(host, Join("l-j", Local(4, 3, 15, 2), ["user-1", "user-2"]));
        await Post(host, Leave("l-l", Local(4, 3, 15, 31), ["user-2"])); // 29 minutes: one short
        Assert.Contains("自动签到(会议)1人:王小明", await Post(host, End("l-end", Local(4, 3, 16, 5))));

        var signed = Assert.Single(host.Service<StudyStore>().AttendanceOf(group, session.Id, new DateOnly(2026, 4, 3)));
        Assert.Equal(("msteams:user-1", 63), (signed.UserKey, signed.MinutesPresent));
    }
}
