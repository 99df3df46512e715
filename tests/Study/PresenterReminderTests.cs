using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;

namespace ChatBot.Tests.Study;

/// <summary>
/// Presenters chased through the real scheduler, outbox and a fake sender. 李娜 (user-2) imports two sessions on
/// 2026-03-10; 王小明 (user-1) presents both. Dates by hand (2026 calendar): 4-16 is a Thursday, so the first reminder is
/// Thu 4-9 09:00 and the second Mon 4-13 09:00. 5-8 (Fri): 7 days before is 5-1 and 3 days before 5-5, both in the
/// 劳动节 holiday (5-1…5-5), so the first comes on Thu 4-30, the last working day before it, and the second on Wed 5-6,
/// the first working day after the holiday.
/// </summary>
public class PresenterReminderTests
{
    private const string Group = "19:group-1@thread.v2";
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private static Activity Say(string text, string user = "user-1") => Activities.GroupMention(text, user, Group);

    private static Activity Click(object value, string user = "user-1") => Activities.Submit(value, user, Group, "groupChat");

    private const string Plan = "导入学法计划\n月份\t主题\t法律法规\t形式\t主讲人\t日期时间\n4月\t宪法学习\t宪法\t专题讲座\t王小明\t4月16日 15:00\n5月\t民法典学习\t民法典\t会前学法(党委会)\t王小明\t5月8日 08:30";

    private static async Task<BotHost> HostWithPlanAsync(FakeProactiveSender sender)
    {
        var host = ReminderHosts.Create(sender: sender);
        await host.SendAsync(Say("学法安排")); // 王小明 is seen in the group
        await host.SendAsync(Say(Plan, "user-2"));
        await host.SendAsync(Click(new { choice = "yes" }, "user-2"));
        Assert.Equal(2, host.Service<StudyStore>().InWorkspace(Ws).Count);
        return host;
    }

    private static List<Activity> NewSince(FakeProactiveSender sender, int before) => sender.Sent.Skip(before).ToList();

    [Fact]
    public async Task The_presenter_is_asked_a_week_before_then_again_with_a_note_to_the_organiser_after_quiet_hours()
    {
        var sender = new FakeProactiveSender();
        using var host = await HostWithPlanAsync(sender);
        var scheduler = host.Service<ReminderScheduler>();
        // This group keeps quiet until 09:30.
        var workspaces = host.Service<WorkspaceStore>();
        var ws = workspaces.Get(Ws)!;
        ws.Settings[WorkspaceSchedule.QuietHoursKey] = "21:00-09:30";
        workspaces.Save(ws);

        await scheduler.RunOnceAsync(Local(4, 8, 9, 0));
        await scheduler.RunOnceAsync(Local(4, 9, 8, 59));
        Assert.DoesNotContain(sender.Sent, a => (a.Text ?? "").Contains("主讲人"));
        await scheduler.RunOnceAsync(Local(4, 9, 9, 0)); // due, but quiet hours
        Assert.DoesNotContain(sender.Sent, a => (a.Text ?? "").Contains("主讲人"));
        var before = sender.Sent.Count;
        await scheduler.RunOnceAsync(Local(4, 9, 9, 30));
        var first = Assert.Single(NewSince(sender, before));
        Assert.Equal("<at>王小明</at>:您是一周后“宪法学习”(2026年4月16日(周四)15:00–16:30)的主讲人,请提交提纲或材料链接:“学法材料 1 2026-04-16 链接或提纲”。", first.Text);
        Assert.Contains(first.Entities!, e => e.Mentioned?.Id == "user-1");
        Assert.Contains("提交提纲或材料", first.AllText()); // the card's button
        BotHost.AssertCardsValid([first]);

        await scheduler.RunOnceAsync(Local(4, 12, 10, 0)); // Sunday: nothing new
        before = sender.Sent.Count;
        await scheduler.RunOnceAsync(Local(4, 13, 9, 30));
        var second = NewSince(sender, before);
        Assert.Equal(2, second.Count);
        Assert.Contains(second, a => a.Text!.StartsWith("<at>王小明</at>:“宪法学习”(2026年4月16日(周四)15:00–16:30)还有3天,尚未收到您的提纲或材料"));
        var note = Assert.Single(second, a => a.Text!.Contains("主讲人王小明尚未提交提纲或材料"));
        Assert.StartsWith("<at>李娜</at>:", note.Text); // the organiser: who imported it
        Assert.Contains(note.Entities!, e => e.Mentioned?.Id == "user-2");

        await scheduler.RunOnceAsync(Local(4, 14, 9, 30));
        Assert.Equal(before + 2, sender.Sent.Count); // each once
    }

    [Fact]
    public async Task Holidays_move_the_reminders_a_personal_chat_is_used_and_given_materials_stop_the_second()
    {
        var sender = new FakeProactiveSender();
        using var host = await HostWithPlanAsync(sender);
        var scheduler = host.Service<ReminderScheduler>();
        host.Service<ConversationReferenceStore>().Upsert(new StoredConversationReference
        {
            Id = "personal:msteams:user-1", ChannelId = "msteams", ServiceUrl = Activities.ServiceUrl, ConversationId = "a:wang-chat", UpdatedUtc = host.Clock.GetUtcNow(),
        });
        // Session 1 is chased on 4-9 and 4-13 (the other test); what follows is about session 2.
        await scheduler.RunOnceAsync(Local(4, 13, 9, 0));
        var before = sender.Sent.Count;
        await scheduler.RunOnceAsync(Local(4, 29, 9, 0));
        Assert.Equal(before, sender.Sent.Count);
        await scheduler.RunOnceAsync(Local(4, 30, 9, 0));
        var first = Assert.Single(NewSince(sender, before));
        Assert.Equal("a:wang-chat", first.Conversation!.Id); // the personal chat: no mention needed
        Assert.DoesNotContain("<at>", first.Text);
        Assert.StartsWith("您是一周后“民法典学习”(2026年5月8日(周五)08:30–09:00)的主讲人", first.Text);

        // 王小明 answers from the reminder's button: a form, then the outline.
        host.Clock.SetUtcNow(Local(4, 30, 10, 0));
        var form = (await host.SendAsync(Click(new { verb = "study.materials", sessionId = 2, date = "2026-05-08" }))).AllText();
        Assert.Contains("提交学法材料 · #2 民法典学习", form);
        var saved = (await host.SendAsync(Click(new { verb = "study.materials", sessionId = 2, date = "2026-05-08", materials = "一、民法典的体系\n二、合同编要点" }))).AllText();
        Assert.Contains("已收到“民法典学习”(2026年5月8日(周五)08:30–09:00)的学法材料", saved);
        var materials = host.Service<StudyStore>().Get(Ws, 2)!.MaterialsOn(new DateOnly(2026, 5, 8));
        Assert.Equal("一、民法典的体系\n二、合同编要点", materials!.Text);
        Assert.Equal("王小明", materials.ByName);

        before = sender.Sent.Count;
        await scheduler.RunOnceAsync(Local(5, 6, 9, 0));
        await scheduler.RunOnceAsync(Local(5, 7, 9, 0));
        Assert.DoesNotContain(NewSince(sender, before), a => (a.Text ?? "").Contains("主讲") || (a.Text ?? "").Contains("提纲"));

        // The session list shows the presenter and the materials.
        var list = (await host.SendAsync(Say("学法安排"))).AllText();
        Assert.Contains("主讲:王小明 · 材料:一、民法典的体系", list);
        Assert.Contains("会前学法(党委会)", list);
    }

    [Fact]
    public async Task Without_materials_the_second_reminder_after_a_holiday_comes_on_the_first_working_day()
    {
        var sender = new FakeProactiveSender();
        using var host = await HostWithPlanAsync(sender);
        var scheduler = host.Service<ReminderScheduler>();
        await scheduler.RunOnceAsync(Local(4, 30, 9, 0));
        var before = sender.Sent.Count;
        await scheduler.RunOnceAsync(Local(5, 5, 9, 0)); // 3 days before, but 劳动节
        Assert.Equal(before, sender.Sent.Count);
        await scheduler.RunOnceAsync(Local(5, 6, 9, 0));
        var second = NewSince(sender, before);
        Assert.Contains(second, a => a.Text!.Contains("“民法典学习”(2026年5月8日(周五)08:30–09:00)还有3天,尚未收到您的提纲或材料"));
        Assert.Contains(second, a => a.Text!.Contains("主讲人王小明尚未提交提纲或材料"));
    }

    [Fact]
    public async Task Materials_by_command_with_and_without_a_date_and_bad_input_is_answered_politely()
    {
        using var host = ReminderHosts.Create();
        await host.SendAsync(Say(Plan, "user-2"));
        await host.SendAsync(Click(new { choice = "yes" }, "user-2"));
        Assert.Contains("已收到“宪法学习”", (await host.SendAsync(Say("学法材料 1 https://example.test/constitution.pdf"))).AllText());
        Assert.Equal("https://example.test/constitution.pdf", host.Service<StudyStore>().Get(Ws, 1)!.MaterialsOn(new DateOnly(2026, 4, 16))!.Link);
        Assert.Contains("已收到“民法典学习”", (await host.SendAsync(Say("学法材料 2 2026-05-08 一、总则"))).AllText());
        Assert.Contains("请写明编号和材料", (await host.SendAsync(Say("学法材料"))).AllText());
        Assert.Contains("没有找到编号为 9 的学法活动", (await host.SendAsync(Say("学法材料 9 https://x.test"))).AllText());
        Assert.Contains("在 2026年5月9日 没有安排", (await host.SendAsync(Say("学法材料 2 2026-05-09 提纲"))).AllText());
        var en = (await host.SendAsync(Activities.GroupMention("study materials 1 https://example.test/v2.pdf", "user-1", Group, "en-US"))).AllText();
        Assert.Contains("Materials saved for \"宪法学习\"", en);
    }

    [Fact]
    public async Task A_presenting_unit_is_not_reminded_but_the_organiser_hears_at_three_days_that_nothing_came()
    {
        var sender = new FakeProactiveSender();
        using var host = ReminderHosts.Create(sender: sender);
        await host.SendAsync(Say("导入学法计划\n月份\t主题\t法律法规\t形式\t主讲人\t日期时间\n4月\t宪法学习\t宪法\t专题讲座\t司法所\t4月16日 15:00", "user-2"));
        await host.SendAsync(Click(new { choice = "yes" }, "user-2"));
        var scheduler = host.Service<ReminderScheduler>();
        var before = sender.Sent.Count;
        await scheduler.RunOnceAsync(Local(4, 9, 9, 0)); // a week before: nobody to remind
        Assert.Equal(before, sender.Sent.Count);

        await scheduler.RunOnceAsync(Local(4, 13, 9, 0)); // 3 days before, no materials: the organiser (李娜, who imported it)
        var note = Assert.Single(NewSince(sender, before));
        Assert.StartsWith("<at>李娜</at>:", note.Text);
        Assert.Contains("主讲人司法所不在本群,机器人无法提醒,提纲或材料尚未提交,请联系主讲人", note.Text);
        Assert.Contains(note.Entities!, e => e.Mentioned?.Id == "user-2");

        await scheduler.RunOnceAsync(Local(4, 14, 9, 0));
        Assert.Equal(before + 1, sender.Sent.Count); // once
    }
}
