using ChatBot.Bot.Conversation;
using ChatBot.Cards;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.WeCom;
using static ChatBot.Tests.Infrastructure.Poll;
using static ChatBot.Tests.WeCom.WeComChannelHarness;

namespace ChatBot.Tests.Conversation;

/// <summary>A card nothing waits for any more gets the same answer on every channel.</summary>
public class StaleCardTests
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task A_submission_no_dialog_waits_for_gets_the_stale_card_answer(string locale)
    {
        using var host = new BotHost();
        var replies = await host.SendAsync(Activities.Submit(new { answer = "late" }, "u-stale", locale: locale));

        Assert.Contains(StaleCard.Message(Lang.FromLocale(locale)), replies.AllText());
    }

    [Fact]
    public async Task An_unknown_WeCom_button_key_gets_the_same_answer()
    {
        using var h = new WeComChannelHarness();

        await h.PostRobotAsync(CardClick("k-unknown", "task-unknown"));

        await Eventually(() => h.ResponseUrlPosts().Any(r => r.Body!.Contains(StaleCard.Message(Lang.Zh))), "the stale card answer");
    }
}
