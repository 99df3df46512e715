using System.Text.Json;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Conversation;

/// <summary>Asks every kind of prompt once: "卡片画廊 N [可选]" asks a choice of N options first (optional when asked).</summary>
internal sealed class PromptGalleryDialog : WaterfallDialog
{
    public new const string Id = "test.prompt-gallery";

    public PromptGalleryDialog() : base(Id)
    {
        AddStep((s, ct) =>
        {
            var args = (s.Options?.GetValue<string>() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var n = int.Parse(args[0]);
            var choices = Enumerable.Range(1, n).Select(i => new PromptChoice($"v{i}", s.T($"选项{i}<说明>", $"Option {i} <note>"))).ToList();
            return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions { Prompt = s.T($"请选择({n} 项)", $"Pick one ({n} options)"), Choices = choices, Optional = args.Length > 1 }, ct);
        });
        AddStep((s, ct) => s.PromptAsync(ConfirmPrompt.DefaultId, new PromptOptions { Prompt = s.T("确认吗?", "Sure?") }, ct));
        AddStep((s, ct) => s.PromptAsync(NumberPrompt.DefaultId, new PromptOptions { Prompt = s.T("人数?", "How many?"), Optional = true }, ct));
        AddStep((s, ct) => s.PromptAsync(DatePrompt.DefaultId, new PromptOptions { Prompt = s.T("日期?", "Date?"), Optional = true }, ct));
        AddStep((s, ct) => s.PromptAsync(TextPrompt.DefaultId, new PromptOptions { Prompt = s.T("备注 <可选>?", "Note <optional>?"), Optional = true }, ct));
        AddStep(async (s, ct) => { await s.Context.SendTextAsync("DONE"); return await s.EndDialogAsync(ct: ct); });
    }
}

/// <summary>
/// Every prompt kind, and choice lists of every length from 1 to 30, in both languages, with their retry messages:
/// each card the bot sends goes through the Web Chat renderer check (BotHost does that for every reply).
/// </summary>
public class PromptRenderTests
{
    private static BotHost NewHost() => new(configure: services =>
    {
        services.AddSingleton<Dialog, PromptGalleryDialog>();
        services.AddSingleton<IBotCommand>(new BeginDialogCommand(PromptGalleryDialog.Id, ["卡片画廊", "prompt gallery"], []));
    });

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task Every_prompt_kind_and_every_choice_count_renders_in_web_chat(string locale)
    {
        await using var host = NewHost();
        for (var n = 1; n <= 30; n++)
        {
            var user = $"gallery-{locale}-{n}";
            async Task<IReadOnlyList<ChatBot.Bot.Channels.BotFramework.Schema.Activity>> Say(string text) =>
                await host.SendAsync(Activities.Message(text, user, "conv-" + user, locale: locale));

            var question = await Say($"卡片画廊 {n}" + (n % 2 == 0 ? " 可选" : ""));
            var card = Assert.Single(question, r => r.Card() is not null).Card()!.Value;
            if (n > 6)
            {
                var input = card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Input.ChoiceSet");
                Assert.False(string.IsNullOrWhiteSpace(input.GetProperty("label").GetString()));
                Assert.Equal(n, input.GetProperty("choices").GetArrayLength());
            }
            Assert.NotNull((await Say("不是选项")).FirstOrDefault(r => r.Card() is not null)); // the retry asks again with the card
            await host.SendAsync(Activities.Submit(new { choice = $"v{n}" }, user, "conv-" + user, locale: locale));
            await Say("xyz"); // confirm retry
            await Say("是");
            await Say("很多"); // number retry
            await Say("跳过");
            await Say("不是日期");
            await Say("跳过");
            Assert.Contains("DONE", (await Say("跳过")).AllText());
        }
    }

    [Fact]
    public async Task A_long_choice_list_is_a_labelled_drop_down_with_nothing_preselected()
    {
        await using var host = NewHost();
        var card = (await host.SendAsync(Activities.Message("卡片画廊 12"))).Single().Card()!.Value;
        var input = card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Input.ChoiceSet");
        Assert.Equal("请选择(12 项)", input.GetProperty("label").GetString());
        Assert.False(input.TryGetProperty("value", out _));
        Assert.Empty(CardChecker.Errors(card.GetRawText()));
    }

    [Fact]
    public void The_checker_reports_what_web_chat_would_not_show()
    {
        // A required input without a label: Web Chat's renderer shows an empty bubble.
        Assert.Contains(CardChecker.Errors("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.ChoiceSet","id":"c","isRequired":true,"errorMessage":"x","choices":[{"title":"a","value":"a"}]}]}"""),
            e => e.Contains("label"));
        // Angle brackets taken for an HTML tag by Web Chat's markdown.
        Assert.Contains(CardChecker.Errors("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"set webhook <key>"}]}"""),
            e => e.Contains("text lost"));
        Assert.Empty(CardChecker.Errors("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Type \"cancel\" -- **now**\n\n1. one\n2. [two](https://example.org)"}]}"""));
    }
}
