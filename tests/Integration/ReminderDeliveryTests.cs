using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Study;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.WeCom;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Integration;

/// <summary>
/// Reminders through the whole real path: a feature's reminder source → the persistent outbox → the channel's
/// proactive sender (Bot Connector for Teams, the group robot webhook for WeCom), exactly once, across a restart.
/// </summary>
public class ReminderDeliveryTests
{
    private const string Group = "19:group-1@thread.v2";
    private static readonly Dictionary<string, string?> SchedulerOff = new() { ["Reminders:Enabled"] = "false" };

    [Fact]
    public async Task A_study_series_scheduled_in_a_Teams_group_is_reminded_there_once_and_people_sign_in_from_the_reminder()
    {
        var db = TempPaths.NewDatabase();
        int id;
        using (var host = new BotHost(db, SchedulerOff))
        {
            await host.SendAsync(Activities.GroupMention("安排学法", "user-1", Group));
            await host.SendAsync(GroupSubmit(Form("每月第一个周五 15:00"), "user-1", Group));
            id = Assert.Single(host.Service<StudyStore>().All()).Id;
            var scheduler = host.Service<ReminderScheduler>();

            var before = host.Connector.Sent.Count;
            host.Clock.SetUtcNow(Local(4, 2, 15, 59));
            await scheduler.RunOnceAsync(host.Clock.GetUtcNow());
            // The presenter on the form is nobody in the group, so past the 3-day mark the organiser is told once that
            // no materials came (PresenterReminderTests); no study reminder is due yet.
            var organiserNote = Assert.Single(host.Connector.Sent.Skip(before));
            Assert.Contains("不在本群,机器人无法提醒", organiserNote.Text);
            before = host.Connector.Sent.Count;

            host.Clock.SetUtcNow(Local(4, 2, 16, 0));
            await scheduler.RunOnceAsync(host.Clock.GetUtcNow());
            await scheduler.RunOnceAsync(host.Clock.GetUtcNow());
            var dayBefore = Assert.Single(host.Connector.Sent.Skip(before));
            Assert.Equal(Group, dayBefore.Conversation!.Id);
            Assert.Null(dayBefore.ReplyToId); // a new message in the group, not a reply
            BotHost.AssertCardsValid([dayBefore]);
            Assert.Contains("民法典", dayBefore.AllText());
        }

        using (var host = new BotHost(db, SchedulerOff))
        {
            // After a restart the day-before reminder is not sent again; the hour-before one comes once.
            var scheduler = host.Service<ReminderScheduler>();
            host.Clock.SetUtcNow(Local(4, 3, 13, 0));
            await scheduler.RunOnceAsync(host.Clock.GetUtcNow());
            Assert.Empty(host.Connector.Sent);
            host.Clock.SetUtcNow(Local(4, 3, 14, 0));
            await scheduler.RunOnceAsync(host.Clock.GetUtcNow());
            await scheduler.RunOnceAsync(host.Clock.GetUtcNow().AddMinutes(1));
            var hourBefore = Assert.Single(host.Connector.Sent);

            host.Clock.SetUtcNow(Local(4, 3, 14, 40));
            var signIn = Button(hourBefore, "study.signin", "2026-04-03");
            var ok = (await host.SendAsync(GroupSubmit(signIn, "user-2", Group))).AllText();
            Assert.Contains("签到成功", ok);
            Assert.Single(host.Service<StudyStore>().AttendanceOf(
                host.Service<StudyStore>().All().Single().WorkspaceId, id, new DateOnly(2026, 4, 3)));
        }
    }

    [Fact]
    public async Task A_reminder_for_a_WeCom_group_goes_through_the_outbox_to_the_robot_webhook_with_mentions_once()
    {
        using var h = new WeComChannelHarness(settings: new() { ["Reminders:Enabled"] = "false" });
        await h.PostRobotAsync(WeComChannelHarness.GroupText("设置群机器人 key-0123456789"));
        var workspaceId = $"wecom:{WeComChannelHarness.AiBotId}:{WeComChannelHarness.ChatId}";
        var now = h.Host.Clock.GetUtcNow();
        var activity = new Activity { Type = ActivityTypes.Message, Text = "有 1 项任务已逾期" };
        var message = ReminderMessages.Create($"ws/{workspaceId}/overdue/2026-03-10", workspaceId, "task.overdue", activity, now,
            markdown: "**督办提醒** <@zhangsan> 防汛物资盘点 已逾期 1 天", mentionUserIds: ["zhangsan"]);
        Assert.True(h.Host.Service<OutboxStore>().TryEnqueue(message));
        Assert.False(h.Host.Service<OutboxStore>().TryEnqueue(message)); // the same key can never be queued twice

        var scheduler = h.Host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(now);
        await scheduler.RunOnceAsync(now.AddMinutes(1));

        var posts = h.Requests("/cgi-bin/webhook/send");
        Assert.Equal(2, posts.Count); // markdown, then a text carrying mentioned_list
        Assert.All(posts, p => Assert.Equal("key-0123456789", p.Query("key")));
        Assert.Equal("**督办提醒** <@zhangsan> 防汛物资盘点 已逾期 1 天", (string)posts[0].Json["markdown"]!["content"]!);
        Assert.Equal(["zhangsan"], posts[1].Json["text"]!["mentioned_list"]!.AsArray().Select(n => (string)n!));
    }
}
