using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Conversation;

/// <summary>A small dialog used only by these tests: asks a name, a number, a date and a choice, then confirms.</summary>
internal sealed class SurveyDialog : WaterfallDialog
{
    public new const string Id = "test.survey";
    public static readonly List<string> Completed = new();

    public SurveyDialog() : base(Id)
    {
        AddStep((s, ct) => s.PromptAsync(TextPrompt.DefaultId, new PromptOptions { Prompt = s.T("请输入姓名", "Your name?") }, ct));
        AddStep((s, ct) => { s.Values["name"] = s.Result!.DeepClone(); return s.PromptAsync(NumberPrompt.DefaultId, new PromptOptions { Prompt = s.T("涉及人数?", "How many people?"), Validations = new JsonObject { ["min"] = 1, ["integer"] = true } }, ct); });
        AddStep((s, ct) => { s.Values["people"] = s.Result!.DeepClone(); return s.PromptAsync(DatePrompt.DefaultId, new PromptOptions { Prompt = s.T("受理日期?", "Date received?"), Validations = new JsonObject { ["notFuture"] = true } }, ct); });
        AddStep((s, ct) => { s.Values["date"] = s.Result!.DeepClone(); return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions { Prompt = s.T("类型?", "Type?"), Choices = [new("family", "婚姻家庭"), new("neighbour", "邻里", "邻里纠纷")] }, ct); });
        AddStep(async (s, ct) =>
        {
            s.Values["type"] = s.Result!.DeepClone();
            lock (Completed) Completed.Add(s.Values.ToJsonString());
            await s.Context.SendTextAsync("DONE " + s.Values.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return await s.EndDialogAsync(ct: ct);
        });
    }
}

internal sealed class ThrowingCommand : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["boom"];
    public Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct) => throw new InvalidOperationException("kaboom");
}

public class EngineTests
{
    private static BotHost NewHost(string? db = null) => new(db, configure: services =>
    {
        services.AddSingleton<Dialog, SurveyDialog>();
        services.AddSingleton<IBotCommand>(new BeginDialogCommand(SurveyDialog.Id, ["测试调查", "survey"], [], new CommandHelp("测试", "Test", "测试调查", "survey", "测试", "test", 50)));
        services.AddSingleton<IBotCommand, ThrowingCommand>();
    });

    [Fact]
    public async Task Help_in_chinese_and_english_returns_the_help_card()
    {
        using var host = NewHost();
        var zh = await host.SendAsync(Activities.Message("帮助"));
        Assert.Single(zh);
        Assert.NotNull(zh[0].Card());
        Assert.Contains("取消", zh[0].AllText());
        Assert.Contains("测试调查", zh[0].AllText());
        Assert.Contains("使用帮助", zh[0].AllText());

        var en = await host.SendAsync(Activities.Message("HELP", locale: "en-US"));
        Assert.Contains("Help", en[0].AllText());
        Assert.Contains("Type \"cancel\"", en[0].AllText());
    }

    [Fact]
    public async Task Waterfall_with_prompts_validates_reasks_and_completes()
    {
        using var host = NewHost();
        var u = "user-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Contains("请输入姓名", (await host.SendAsync(Activities.Message("测试调查", u))).AllText());
        Assert.Contains("涉及人数", (await host.SendAsync(Activities.Message("张三", u))).AllText());
        var bad = await host.SendAsync(Activities.Message("很多", u));
        Assert.Contains("请输入一个整数,例如 3。", bad.AllText()); // a count: no "1.5万" example
        Assert.Contains("涉及人数", bad.AllText());
        Assert.Contains("不能小于", (await host.SendAsync(Activities.Message("0", u))).AllText());
        Assert.Contains("受理日期", (await host.SendAsync(Activities.Message("十二", u))).AllText());
        // The fake clock says 2026-03-10 in Shanghai: tomorrow is in the future.
        Assert.Contains("不能晚于今天", (await host.SendAsync(Activities.Message("明天", u))).AllText());
        var choice = await host.SendAsync(Activities.Message("3月9日", u));
        Assert.NotNull(choice.Single().Card()); // Teams shows choices as buttons
        var done = await host.SendAsync(Activities.Submit(new { choice = "neighbour" }, u));
        var text = done.AllText();
        Assert.Contains("\"name\":\"张三\"", text);
        Assert.Contains("\"people\":12", text);
        Assert.Contains("\"date\":\"2026-03-09\"", text);
        Assert.Contains("\"type\":\"neighbour\"", text);
    }

    [Fact]
    public async Task A_card_submission_answers_a_prompt_that_waits_for_text()
    {
        using var host = NewHost();
        await host.SendAsync(Activities.Message("测试调查", "u-card"));
        // A card with one text field answers the text prompt; the verb-less value is not a command.
        Assert.Contains("涉及人数", (await host.SendAsync(Activities.Submit(new { text = "张三" }, "u-card"))).AllText());
        Assert.Contains("受理日期", (await host.SendAsync(Activities.Submit(new { amount = "3" }, "u-card"))).AllText());
    }

    [Fact]
    public async Task Cancel_ends_the_dialog_and_help_reprompts_it()
    {
        using var host = NewHost();
        await host.SendAsync(Activities.Message("survey", "u-cancel", locale: "en-US"));
        var help = await host.SendAsync(Activities.Message("help", "u-cancel", locale: "en-US"));
        Assert.Equal(2, help.Count);
        Assert.Contains("Your name?", help[1].AllText());
        var cancel = await host.SendAsync(Activities.Message("取消", "u-cancel"));
        Assert.Contains("已取消", cancel.AllText());
        var after = await host.SendAsync(Activities.Message("张三", "u-cancel"));
        Assert.Contains("没能理解", after.AllText());
    }

    [Fact]
    public async Task Dialog_state_survives_a_restart_and_is_kept_per_user()
    {
        var db = TempPaths.NewDatabase();
        using (var host = NewHost(db))
        {
            await host.SendAsync(Activities.GroupMention("测试调查", "user-1"));
            await host.SendAsync(Activities.GroupMention("测试调查", "user-2"));
            await host.SendAsync(Activities.GroupMention("甲", "user-1"));
        }
        using (var host = NewHost(db))
        {
            // user-1 is at the number step, user-2 still at the name step.
            Assert.Contains("请输入一个整数", (await host.SendAsync(Activities.GroupMention("乙", "user-1"))).AllText());
            Assert.Contains("涉及人数", (await host.SendAsync(Activities.GroupMention("乙", "user-2"))).AllText());
        }
    }

    [Fact]
    public async Task An_exception_apologises_and_keeps_state()
    {
        using var host = NewHost();
        await host.SendAsync(Activities.Message("survey", "u-ex"));
        var reply = await host.SendAsync(Activities.Message("boom", "u-ex"));
        Assert.Contains("抱歉", reply.AllText());
        // The survey started before is still waiting for the name (state from before the failed turn).
        Assert.Contains("涉及人数", (await host.SendAsync(Activities.Message("赵六", "u-ex"))).AllText());
    }

    [Fact]
    public async Task Unknown_text_gets_a_polite_hint_and_a_stale_card_submit_is_explained()
    {
        using var host = NewHost();
        Assert.Contains("帮助", (await host.SendAsync(Activities.Message("今天天气怎么样"))).AllText());
        Assert.Contains("已经处理过", (await host.SendAsync(Activities.Submit(new { verb = "no.such.form", x = 1 }))).AllText());
    }

    [Fact]
    public void Router_picks_the_longest_alias_and_respects_word_boundaries()
    {
        var router = new CommandRouter([
            new BeginDialogCommand("a", ["调解", "mediation"], []),
            new BeginDialogCommand("b", ["调解列表", "mediations"], []),
            new BeginDialogCommand("c", ["mediation stats"], []),
        ]);
        Assert.Equal("b", Id(router.Match("调解列表", null)));
        Assert.Equal("a", Id(router.Match("调解 2026-014", null)));
        Assert.Equal("2026-014", router.Match("调解2026-014", null)!.Value.Args.Text);
        Assert.Equal("b", Id(router.Match("Mediations open", null)));
        Assert.Equal("open", router.Match("Mediations open", null)!.Value.Args.Text);
        Assert.Equal("c", Id(router.Match("/mediation  stats month", null)));
        Assert.Equal("a", Id(router.Match("mediation 2026-014", null)));
        Assert.Null(router.Match("mediationx", null));
        Assert.Equal("Dept X", router.Match("mediations Dept X", null)!.Value.Args.Text);

        static string Id((IBotCommand Command, CommandArgs Args)? m) =>
            ((BeginDialogCommand)m!.Value.Command).GetType().GetField("<dialogId>P", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)?.GetValue(m.Value.Command) as string
            ?? throw new InvalidOperationException();
    }

    [Theory]
    [InlineData("<at>依法行政助手</at> 帮助", "帮助")]
    [InlineData("<at>依法行政助手</at>&nbsp;调解列表 open", "调解列表 open")]
    public void Mention_is_stripped(string text, string expected)
    {
        var a = Activities.GroupMention("x");
        a.Text = text;
        Assert.Equal(expected, MentionText.StripBotMention(a));
    }

    [Theory]
    [InlineData("2026-03-05", "2026-03-05")]
    [InlineData("2026/3/5", "2026-03-05")]
    [InlineData("2026年3月5日", "2026-03-05")]
    [InlineData("3月5日", "2026-03-05")]
    [InlineData("２０２６－０３－０５", "2026-03-05")]
    [InlineData("昨天", "2026-03-09")]
    [InlineData("today", "2026-03-10")]
    [InlineData("20260305", "2026-03-05")]
    public void Dates_are_recognised(string input, string expected)
    {
        Assert.True(Recognizers.TryParseDate(input, new DateOnly(2026, 3, 10), out var d));
        Assert.Equal(expected, d.ToString("yyyy-MM-dd"));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("13月1日")]
    [InlineData("hello")]
    public void Impossible_dates_are_rejected(string input) =>
        Assert.False(Recognizers.TryParseDate(input, new DateOnly(2026, 3, 10), out _));

    [Theory]
    [InlineData("12", 12)]
    [InlineData("十二", 12)]
    [InlineData("一百零五", 105)]
    [InlineData("1.5万", 15000)]
    [InlineData("3,000元", 3000)]
    [InlineData("５人", 5)]
    public void Numbers_are_recognised(string input, double expected)
    {
        Assert.True(Recognizers.TryParseNumber(input, out var n));
        Assert.Equal(expected, n);
    }
}
