using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

/// <summary>Scheduling, listing, cancelling and moving through the real bot (BotHost: fake clock at 2026-03-10 09:00 Shanghai).</summary>
public class StudyConversationTests
{
    [Fact]
    public async Task A_monthly_series_that_falls_on_a_fixed_date_public_holiday_is_pointed_out_when_saved()
    {
        using var host = new BotHost(); // 2026-03-10: the next year of "每月1日" holds 劳动节, 国庆节 and 元旦
        await host.SendWebChatAsync(WebChat("安排学法"));
        var text = (await host.SendWebChatAsync(WebChatSubmit(Form("每月1日 15:00")))).AllText();
        Assert.Contains("已安排学法活动 #", text);
        Assert.Contains("2026年5月1日(周五)15:00–16:30 是劳动节(法定节假日)", text);
        Assert.Contains("2026年10月1日(周四)15:00–16:30 是国庆节(法定节假日)", text);
        Assert.Contains("2027年1月1日(周五)15:00–16:30 是元旦(法定节假日)", text);
        Assert.Contains("调整学法 1 2027-01-01 新日期 时间", text);
        Assert.DoesNotContain("2026年4月1日(周三)15:00–16:30 是", text);

        await host.SendWebChatAsync(WebChat("schedule study", "user-2", "en-US"));
        var en = (await host.SendWebChatAsync(WebChatSubmit(Form("每月1日 15:00"), "user-2", "en-US"))).AllText();
        Assert.Contains("is New Year's Day (a public holiday)", en);
    }

    [Fact]
    public async Task A_series_on_a_lunar_holiday_is_pointed_out_and_one_on_a_make_up_working_day_is_not()
    {
        using var host = new BotHost(); // 2026-03-10
        await host.SendWebChatAsync(WebChat("安排学法"));
        // 每月25日: 2026-09-25 (Fri) is 中秋节 (9月25日–27日 放假, the 2026 notice); no fixed-date rule knows it.
        var text = (await host.SendWebChatAsync(WebChatSubmit(Form("每月25日 15:00")))).AllText();
        Assert.Contains("2026年9月25日(周五)15:00–16:30 是中秋节(法定节假日)", text);
        Assert.DoesNotContain("2026年6月25日(周四)15:00–16:30 是", text); // an ordinary Thursday

        // 每月10日: 2026-10-10 is a Saturday but a 调休 working day (for 国庆节): no warning; 2027-01-10 is a Sunday, not a holiday.
        await host.SendWebChatAsync(WebChat("安排学法"));
        var makeUp = (await host.SendWebChatAsync(WebChatSubmit(Form("每月10日 15:00")))).AllText();
        Assert.Contains("已安排学法活动 #2", makeUp);
        Assert.DoesNotContain("法定节假日", makeUp);
    }

    [Fact]
    public async Task Web_chat_clerk_schedules_a_monthly_series_with_the_form()
    {
        using var host = new BotHost();
        var form = await host.SendWebChatAsync(WebChat("安排学法"));
        var card = Assert.Single(form).AllText();
        Assert.Contains("安排学法活动", card);
        Assert.Contains("以案释法", card);

        // A rule the bot cannot read: the form comes back with the reason and the answers kept.
        var again = await host.SendWebChatAsync(WebChatSubmit(Form("每月找个时间")));
        Assert.Contains("没看懂时间安排", again.AllText());
        Assert.Contains("每月一法:民法典", again.AllText());
        Assert.Empty(host.Service<StudyStore>().InWorkspace("local:office"));

        var saved = await host.SendWebChatAsync(WebChatSubmit(Form("每月第一个周五 15:00")));
        var text = saved.AllText();
        Assert.Contains("已安排学法活动 #", text);
        Assert.Contains("每月第一个周五 15:00–16:30", text);
        Assert.Contains("2026年4月3日(周五)15:00–16:30", text);
        Assert.Contains("2026年5月1日(周五)", text);

        var session = Assert.Single(host.Service<StudyStore>().InWorkspace("local:office"));
        Assert.Equal(["王小明", "李娜", "张三"], session.ExpectedParticipants);
        Assert.Equal(StudyFormat.Centralized, session.Format);
        Assert.Equal("https://example.test/civil-code.pdf", session.MaterialsUrl);
        Assert.Contains(host.Service<ChatBot.Storage.Conversations.AuditLog>().For(StudyStore.RecordKey(session.Id)), a => a.Action == "study.schedule" && a.UserName == "王小明");

        var list = await host.SendWebChatAsync(WebChat("学法安排"));
        var listText = list.AllText();
        Assert.Contains("未来60天", listText);
        Assert.Contains("2026年4月3日(周五)15:00–16:30", listText);
        Assert.Contains("2026年5月1日(周五)15:00–16:30", listText);
        Assert.DoesNotContain("2026年6月5日", listText); // beyond 60 days
    }

    [Fact]
    public async Task Text_only_channel_schedules_step_by_step_with_validation_and_confirmation()
    {
        using var host = new BotHost();
        const string user = "text-clerk";
        Task<IReadOnlyList<ChatBot.Bot.Channels.BotFramework.Schema.Activity>> Say(string t) =>
            host.SendAsync(Activities.Message(t, user, "sms-conv-1", "sms", "personal"));

        Assert.Contains("主题是什么", (await Say("安排学法")).AllText());
        Assert.Contains("学习哪部法律法规", (await Say("以案释法:信访工作条例")).AllText());
        var formats = (await Say("信访工作条例")).AllText();
        Assert.Contains("2. 以会代训", formats);
        Assert.Contains("什么时间", (await Say("以案释法")).AllText());
        Assert.Contains("1日到31日", (await Say("每月32日 9:00")).AllText());
        Assert.Contains("已经过去", (await Say("2026-03-01 15:00")).AllText());
        Assert.Contains("主讲人", (await Say("每月最后一个周四 14:30")).AllText());
        Assert.Contains("地点", (await Say("跳过")).AllText());
        Assert.Contains("资料链接", (await Say("三楼会议室")).AllText());
        Assert.Contains("http://", (await Say("共享盘里")).AllText());
        Assert.Contains("应参学人员", (await Say("跳过")).AllText());
        var confirm = (await Say("王小明, 李娜")).AllText();
        Assert.Contains("请确认", confirm);
        Assert.Contains("每月最后一个周四 14:30–16:00", confirm);
        Assert.Contains("王小明、李娜", confirm);
        var done = (await Say("是")).AllText();
        Assert.Contains("已安排学法活动 #", done);
        Assert.Contains("2026年3月26日(周四)14:30–16:00", done);

        var session = Assert.Single(host.Service<StudyStore>().All(), s => s.Title == "以案释法:信访工作条例");
        Assert.Equal(StudyFormat.CaseExplanation, session.Format);
        Assert.Null(session.Presenter);
        Assert.Equal("三楼会议室", session.Location);

        var list = (await Say("study sessions")).AllText();
        Assert.Contains("2026年3月26日", list);
        Assert.Contains("取消学法 1 2026-04-03", list);
    }

    [Fact]
    public async Task English_one_off_session_can_be_declined_at_the_confirmation()
    {
        using var host = new BotHost();
        Task<IReadOnlyList<ChatBot.Bot.Channels.BotFramework.Schema.Activity>> Say(string t) =>
            host.SendAsync(Activities.Message(t, "en-clerk", "sms-conv-2", "sms", "personal", "en-US"));
        Assert.Contains("topic", (await Say("schedule study")).AllText());
        await Say("Constitution day");
        await Say("Constitution");
        await Say("Lecture");
        Assert.Contains("Who presents", (await Say("2026-04-03 15:00-16:00")).AllText());
        await Say("skip");
        await Say("skip");
        await Say("skip");
        var confirm = (await Say("skip")).AllText();
        Assert.Contains("Once, 2026-04-03 15:00–16:00", confirm);
        Assert.Contains("nothing was saved", (await Say("no")).AllText());
        Assert.Empty(host.Service<StudyStore>().All());
    }

    [Fact]
    public async Task One_occurrence_is_cancelled_or_moved_from_the_list_and_the_series_stays()
    {
        using var host = new BotHost();
        var form = Assert.Single(await host.SendAsync(Activities.GroupMention("安排学法")));
        var submit = GroupSubmit(Form("每月15日 09:30"));
        submit.ReplyToId = form.Id;
        await host.SendAsync(submit);
        var session = Assert.Single(host.Service<StudyStore>().All());
        // The filled-in form was replaced by a receipt, and clicking it again saves nothing twice.
        var receipt = Assert.Single(host.Connector.Updated);
        Assert.Equal(form.Id, receipt.Id);
        Assert.Contains($"已保存为学法活动 #{session.Id}", receipt.AllText());
        BotHost.AssertCardsValid([receipt]);
        var resubmit = GroupSubmit(Form("每月15日 09:30"));
        Assert.Contains("已经处理过", (await host.SendAsync(resubmit)).AllText());
        Assert.Single(host.Service<StudyStore>().All());

        var list = Assert.Single(await host.SendAsync(Activities.GroupMention("学法安排")));
        Assert.Contains("2026年3月15日", list.AllText());

        // Cancel 15 April from its button: the clicked list card is replaced, the series keeps 15 March and 15 May.
        var cancel = await host.SendAsync(GroupSubmit(Button(list, "study.cancelOccurrence", "2026-04-15")));
        Assert.Contains("已取消", cancel.AllText());
        Assert.Contains("以后各次照常", cancel.AllText());
        var again = (await host.SendAsync(GroupSubmit(Button(list, "study.cancelOccurrence", "2026-04-15")))).AllText();
        Assert.Contains("已经取消过了", again);

        // Move 15 March from its button: first the date/time card, then its submit.
        var moveCard = Assert.Single(await host.SendAsync(GroupSubmit(Button(list, "study.moveOccurrence", "2026-03-15"))));
        Assert.Contains("只调整这一次", moveCard.AllText());
        var moveData = Button(moveCard, "study.moveOccurrence", "2026-03-15");
        var moved = await host.SendAsync(GroupSubmit(new { verb = "study.moveOccurrence", sessionId = moveData.GetProperty("sessionId").GetInt32(), date = "2026-03-15", newDate = "2026-03-17", newTime = "10:00" }));
        Assert.Contains("2026年3月17日(周二)10:00–11:30", moved.AllText());

        // Typed: move May to the 20th, keeping its time.
        var typed = await host.SendAsync(Activities.GroupMention($"调整学法 {session.Id} 5月15日 5月20日"));
        Assert.Contains("2026年5月20日(周三)09:30–11:00", typed.AllText());

        var after = (await host.SendAsync(Activities.GroupMention("学法安排"))).AllText();
        Assert.Contains("2026年3月17日(周二)10:00–11:30", after);
        Assert.Equal(1, after.Split("(已调整)").Length - 1);
        Assert.Contains("2026年4月15日(周三)09:30–11:00", after);
        Assert.Contains("(本次已取消)", after);
        Assert.DoesNotContain("2026年5月", after); // 60 days from 10 March end on 9 May
        Assert.DoesNotContain("2026年3月15日", after);

        var stored = host.Service<StudyStore>().Get(session.WorkspaceId, session.Id)!;
        Assert.Equal(StudyRuleKind.DayOfMonth, stored.Rule.Kind);
        Assert.Equal(15, stored.Rule.Day);
        Assert.Equal(3, stored.Changes.Count);
        Assert.Equal(4, host.Service<ChatBot.Storage.Conversations.AuditLog>().For(StudyStore.RecordKey(session.Id)).Count);
    }

    [Fact]
    public async Task Bad_cancel_and_move_requests_are_answered_politely()
    {
        using var host = new BotHost();
        await host.SendAsync(Activities.GroupMention("安排学法"));
        await host.SendAsync(GroupSubmit(Form("每月15日 09:30")));
        var id = Assert.Single(host.Service<StudyStore>().All()).Id;

        Assert.Contains("请写明编号和日期", (await host.SendAsync(Activities.GroupMention("取消学法"))).AllText());
        Assert.Contains("没有找到编号为 99", (await host.SendAsync(Activities.GroupMention("取消学法 99 2026-04-15"))).AllText());
        Assert.Contains("没有安排", (await host.SendAsync(Activities.GroupMention($"取消学法 {id} 2026-04-16"))).AllText());
        Assert.Contains("已经过去", (await host.SendAsync(Activities.GroupMention($"调整学法 {id} 2026-04-15 2026-03-01 9:00"))).AllText());
        Assert.Contains("没看懂新的时间", (await host.SendAsync(Activities.GroupMention($"调整学法 {id} 2026-04-15 2026-04-16 傍晚"))).AllText());
        // Another group cannot see or change this workspace's session.
        Assert.Contains("没有找到编号", (await host.SendAsync(Activities.GroupMention($"取消学法 {id} 2026-04-15", conversation: "19:other@thread.v2"))).AllText());
        Assert.Contains("暂无安排", (await host.SendAsync(Activities.GroupMention("学法安排", conversation: "19:other@thread.v2"))).AllText());
        Assert.Empty(Assert.Single(host.Service<StudyStore>().All()).Changes);
    }
}
