using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Tests.DirectLine;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.PlanTasks;
using ChatBot.Tests.Study;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Conversation;

/// <summary>
/// Issue #21, a clerk's first hour, driven as a clerk drives the bot: the interrupt rule, the answer typed next to a
/// form, users without a name, near-misses and prefilled forms, and the welcome card.
/// </summary>
public class ClerkFirstHourTests
{
    private const string Ws = "local:office";

    private static Activity Web(string text, string user = "clerk", string locale = "zh-CN") =>
        Activities.Message(text, user, "wc-" + user, "webchat", locale: locale, userName: "周书记");

    private static Activity WebClick(object value, string user = "clerk", string locale = "zh-CN")
    {
        var a = Activities.Submit(value, user, "wc-" + user, locale: locale);
        a.ChannelId = "webchat";
        a.From!.Name = "周书记";
        return a;
    }

    /// <summary>The bot with the machine's clock, for what depends on today's date.</summary>
    private static BotHost RealClockHost() => new(configure: services =>
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(TimeProvider.System);
    });

    private static async Task ImportPlanAsync(BotHost host, string user = "clerk")
    {
        await host.SendWebChatAsync(Web("导入计划\n" + PlanImportParsingTests.Outline, user));
        Assert.Contains("新增 3 项", (await host.SendWebChatAsync(Web("确认", user))).AllText());
    }

    // ---- 3. One interrupt rule ----

    [Fact]
    public async Task A_command_with_arguments_interrupts_the_open_mediation_card_and_the_next_command_is_not_read_as_a_date()
    {
        using var host = new BotHost();
        await ImportPlanAsync(host);
        FormIdOf(await host.SendWebChatAsync(Web("调解登记"))); // the registration card waits

        var done = (await host.SendWebChatAsync(Web("办结 1 四个季度排查情况均已按时报送"))).AllText();
        Assert.Contains("(未完成的“调解登记”已结束,没有保存;需要时再输入“调解登记”。)", done);
        Assert.Contains("✅ 任务 #1", done);
        Assert.Equal(PlanTaskStatus.Done, host.Service<PlanTaskStore>().Get(Ws, 1)!.Status);

        var overdue = (await host.SendWebChatAsync(Web("逾期任务"))).AllText();
        Assert.DoesNotContain("没看懂这个日期", overdue);
        Assert.DoesNotContain("纠纷来源", overdue);

        // English: the same rule, said in English.
        FormIdOf(await host.SendWebChatAsync(Web("log mediation", locale: "en-US")));
        var en = (await host.SendWebChatAsync(Web("complete 2 case files reviewed in every field", locale: "en-US"))).AllText();
        Assert.Contains("(The unfinished \"log mediation\" was closed without saving; type \"log mediation\" to start it again.)", en);
        Assert.Contains("✅ Task #2", en);
    }

    [Fact]
    public async Task A_command_word_run_into_an_answer_is_still_the_answer()
    {
        using var host = new BotHost();
        async Task<string> Say(string text) => (await host.SendAsync(TextOnly(text))).AllText();
        foreach (var answer in new[] { "调解登记", "今天", "1", "2", "北坡村", "赵六 13900001111", "2", "跳过" })
            await Say(answer);
        // "调解" and "回访" are commands, but here they begin the summary: the dialog goes on to the next question.
        var next = await Say("调解员上门后双方同意回访3次");
        Assert.Contains("调解员?", next);
        Assert.DoesNotContain("已结束", next);
    }

    // ---- 4. The answer that switches a form to step-by-step ----

    [Fact]
    public async Task A_date_typed_next_to_the_registration_card_answers_the_first_question()
    {
        using var host = RealClockHost();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        FormIdOf(await host.SendWebChatAsync(Web("调解登记")));

        var next = (await host.SendWebChatAsync(Web($"{today.Month}月{today.Day}日"))).AllText();
        Assert.DoesNotContain("受理日期", next);
        Assert.Contains("纠纷来源", next);

        foreach (var answer in new[] { "1", "2", "北坡村", "赵六 13900001111", "2", "跳过", "宅基地边界", "我", "调解中", "都不是" })
            await host.SendWebChatAsync(Web(answer));
        Assert.Contains("已登记", (await host.SendWebChatAsync(Web("是"))).AllText());
        Assert.Equal(today, Assert.Single(host.Service<MediationStore>().All(Ws)).ReceivedOn);

        FormIdOf(await host.SendWebChatAsync(Web("log mediation", "clerk-en", "en-US")));
        var en = (await host.SendWebChatAsync(Web("today", "clerk-en", "en-US"))).AllText();
        Assert.DoesNotContain("Date received?", en);
        Assert.Contains("Where did the case come from?", en);
    }

    // ---- 5. Users without a name ----

    private static async Task<List<Activity>> SayAsync(DirectLineClient dl, string text, string user, string locale = "zh-CN")
    {
        await dl.SayAsync(text, user, locale);
        return (await dl.PollAsync()).Where(a => a.From?.Role == "bot").ToList();
    }

    [Fact]
    public async Task A_web_chat_user_without_a_name_is_never_addressed_by_an_empty_one_and_can_give_a_name()
    {
        using var host = new BotHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync(userId: "web-clerk");
        var welcome = Assert.Single(await dl.PollAsync());
        Assert.Contains("怎么称呼您", welcome.AllText()); // asked once, in the welcome

        await SayAsync(dl, "安排学法", "web-clerk");
        var form = StudyTestKit.Form("3月10日 09:15", title: "宪法学习", law: "宪法", expected: "我、李娜");
        await dl.PostActivityAsync(new { type = "message", from = new { id = "web-clerk", role = "user" }, locale = "zh-CN", value = form });
        Assert.Contains("已安排学法活动 #1", (await dl.PollAsync()).AllText());

        var signIn = (await SayAsync(dl, "签到", "web-clerk")).AllText().Trim();
        Assert.StartsWith("签到成功(09:00)", signIn);
        Assert.Contains("我叫", signIn);
        var again = (await SayAsync(dl, "签到", "web-clerk")).AllText().Trim();
        Assert.StartsWith("您已于 09:00 签到过", again);

        var list = (await SayAsync(dl, "签到名单 1 2026-03-10", "web-clerk")).AllText();
        Assert.Contains("- (未留称呼) 09:00", list);
        Assert.Contains("未签到:李娜", list); // "我" signed in: the one who scheduled it
        Assert.DoesNotContain("- 09:00", list);

        await ImportPlanViaDirectLineAsync(dl);
        await SayAsync(dl, "办结 1 公示信息已全部上网", "web-clerk");
        var details = (await SayAsync(dl, "任务详情 1", "web-clerk")).AllText();
        Assert.Contains("公示信息已全部上网(2026年3月10日 09:00)", details);

        Assert.Contains("好的,王小明", (await SayAsync(dl, "我叫 王小明", "web-clerk")).AllText());
        Assert.Contains("- 王小明 09:00", (await SayAsync(dl, "签到名单 1 2026-03-10", "web-clerk")).AllText());
        Assert.StartsWith("王小明,您已于 09:00 签到过", (await SayAsync(dl, "签到", "web-clerk")).AllText().Trim());

        var en = new DirectLineClient(host);
        await en.StartAsync(userId: "web-guest", locale: "en-US");
        Assert.Contains("What should I call you?", Assert.Single(await en.PollAsync()).AllText());
        var enSignIn = (await SayAsync(en, "sign in", "web-guest", "en-US")).AllText().Trim();
        Assert.StartsWith("You are signed in (09:00).", enSignIn);
        Assert.Contains("my name is", enSignIn);
    }

    private static async Task ImportPlanViaDirectLineAsync(DirectLineClient dl)
    {
        await SayAsync(dl, "导入计划\n" + PlanImportParsingTests.Outline, "web-clerk");
        Assert.Contains("新增 3 项", (await SayAsync(dl, "确认", "web-clerk")).AllText());
    }

    // ---- 7. Near-misses and prefilled forms ----

    [Fact]
    public async Task A_near_miss_suggests_the_command_with_a_button_that_runs_it()
    {
        using var host = new BotHost();
        var typo = await host.SendWebChatAsync(Web("调节登记"));
        Assert.Contains("您是不是要:“调解登记”?", typo.AllText());
        var button = SuggestionButton(typo, "调解登记");
        FormIdOf(await host.SendWebChatAsync(WebClick(JsonSerializer.Deserialize<Dictionary<string, object>>(button.GetRawText())!)));
        await host.SendWebChatAsync(Web("取消")); // while a form waits, only a command word that stands apart is a command

        var overdue = await host.SendWebChatAsync(Web("逾期任物"));
        Assert.Contains("您是不是要:“逾期任务”?", overdue.AllText());
        Assert.Equal("逾期任务", SuggestionButton(overdue, "逾期任务").GetProperty("text").GetString());

        Assert.Contains("Did you mean: \"help\"?", (await host.SendWebChatAsync(Web("helo", locale: "en-US"))).AllText());

        var text = (await host.SendAsync(TextOnly("调节登记"))).AllText();
        Assert.Contains("您是不是要:“调解登记”?", text);
        Assert.Contains("请重新输入", text);

        Assert.Contains("没能理解", (await host.SendWebChatAsync(Web("今天天气怎么样"))).AllText());
    }

    private static JsonElement SuggestionButton(IEnumerable<Activity> replies, string title)
    {
        foreach (var r in replies)
            if (r.Card() is { } card && card.TryGetProperty("actions", out var actions))
                foreach (var a in actions.EnumerateArray())
                    if (a.GetProperty("title").GetString() == title) return a.GetProperty("data");
        throw new Xunit.Sdk.XunitException($"No button \"{title}\" among the replies:\n" + replies.AllText());
    }

    [Fact]
    public async Task What_follows_a_form_command_fills_the_form_or_answers_the_questions()
    {
        using var host = new BotHost();
        var study = await host.SendWebChatAsync(Web("安排学法 每月第一个周五下午3点 学习《民法典》"));
        Assert.Equal("每月第一个周五下午3点", InputValue(study, "rule"));
        Assert.Equal("民法典", InputValue(study, "law"));
        Assert.Equal("学习《民法典》", InputValue(study, "title"));

        var mediation = await host.SendWebChatAsync(Web("调解登记 3月9日 邻里纠纷 王家村 两户因排水沟发生争执"));
        Assert.Equal("2026-03-09", InputValue(mediation, "receivedOn"));
        Assert.Equal("Neighbour", InputValue(mediation, "disputeType"));
        Assert.Equal("王家村", InputValue(mediation, "village"));
        Assert.Equal("两户因排水沟发生争执", InputValue(mediation, "summary"));

        var task = await host.SendWebChatAsync(Web("新建任务 建立执法公示制度(6月底前完成,责任人:张三)"));
        Assert.Equal("建立执法公示制度", InputValue(task, "title"));
        Assert.Equal("张三", InputValue(task, "owners"));
        Assert.Equal("2026-06-30", InputValue(task, "due"));

        // Where there are no cards, the typed details answer their questions and only the rest is asked.
        Assert.Contains("纠纷来源", (await host.SendAsync(TextOnly("调解登记 今天 邻里 北坡村"))).AllText());
        Assert.Contains("当事人姓名", (await host.SendAsync(TextOnly("1"))).AllText());

        var steps = (await host.SendAsync(TextOnly("安排学法 每月最后一个周四 14:30 学习《宪法》", "user-2"))).AllText();
        Assert.DoesNotContain("主题是什么", steps);
        Assert.DoesNotContain("哪部法律", steps);
        Assert.Contains("学法形式", steps);
        Assert.Contains("主讲人", (await host.SendAsync(TextOnly("1", "user-2"))).AllText()); // the time was given too
    }

    // ---- The welcome ----

    [Fact]
    public async Task The_first_message_is_a_short_welcome_with_three_buttons_and_help_keeps_the_reference()
    {
        using var host = new BotHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        var welcome = Assert.Single(await dl.PollAsync());
        var text = welcome.AllText();
        Assert.Contains("我能帮您做这四件事", text);
        Assert.Contains("年度法治政府建设报告", text);
        Assert.DoesNotContain("使用帮助", text);
        var verbs = JsonSerializer.Serialize(welcome.Card());
        foreach (var verb in new[] { "mediation.log", "study.schedule", "tasks.overdue" }) Assert.Contains($"\"verb\":\"{verb}\"", verbs);
        foreach (var title in new[] { "登记调解", "安排学法", "查看逾期任务" }) Assert.Contains(title, text);

        await dl.PostActivityAsync(new { type = "message", from = new { id = "web-user-1", role = "user" }, locale = "zh-CN", value = new { verb = "study.schedule" } });
        Assert.Contains("安排学法活动", (await dl.PollAsync()).AllText());
        Assert.Contains("使用帮助", (await SayAsync(dl, "帮助", "web-user-1")).AllText());

        var en = new DirectLineClient(host);
        await en.StartAsync(userId: "web-en", locale: "en-US");
        var enText = Assert.Single(await en.PollAsync()).AllText();
        Assert.Contains("I can help with four things", enText);
        Assert.Contains("annual rule-of-law government report", enText);
        Assert.Contains("Log a mediation", enText);
        Assert.Contains("Overdue tasks", enText);
    }
}
