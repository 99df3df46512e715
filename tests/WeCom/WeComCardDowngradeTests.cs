using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Bot.Conversation;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.WeCom;

public class WeComCardDowngradeTests
{
    private readonly LiteDB.LiteDatabase _db = ChatBotDatabase.Open(":memory:");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));

    private WeComCardDowngrade Downgrade() =>
        new(new WeComCardActionStore(_db, _clock), new WeComFormTokens(_db, _clock, Options.Create(new WeComOptions())));

    private static readonly WeComReplyScope Scope = new(
        new WeComOrigin { ConversationId = "chat-1", IsGroup = true, UserId = "zhangsan", TenantId = "bot", BotId = "bot", BaseUrl = "https://bot.test" },
        "wecom:bot:chat-1", "wecom:bot:chat-1:zhangsan");

    [Fact]
    public void A_read_only_card_becomes_markdown_with_a_bold_title_and_fact_lines()
    {
        var card = new AdaptiveCard().Add(
            TextBlock.Title("督办提醒"),
            new FactSet().Add("任务", "防汛物资盘点").Add("责任人", "张三"),
            new TextBlock("请尽快处理。"));
        card.AddAction(new OpenUrlAction { Title = "查看详情", Url = "https://example.test/task/1" });

        var message = Assert.Single(Downgrade().Downgrade(TurnContext.CardActivity(card, "提醒:"), Scope));

        Assert.Null(message.Card);
        Assert.Equal("提醒:\n\n**督办提醒**\n**任务**:防汛物资盘点\n**责任人**:张三\n请尽快处理。\n[查看详情](https://example.test/task/1)", message.Markdown);
    }

    [Fact]
    public void Buttons_become_a_button_card_only_when_there_are_at_most_six_and_a_conversation_to_come_back_to()
    {
        AdaptiveCard WithButtons(int n)
        {
            var card = new AdaptiveCard().Add(new TextBlock("选择") { Weight = "Bolder" });
            for (var i = 1; i <= n; i++) card.AddAction(SubmitAction.For($"选项{i}", "verb" + i));
            return card;
        }

        var six = Downgrade().Downgrade(TurnContext.CardActivity(WithButtons(6)), Scope).Single();
        var seven = Downgrade().Downgrade(TurnContext.CardActivity(WithButtons(7)), Scope).Single();
        var proactive = Downgrade().Downgrade(TurnContext.CardActivity(WithButtons(2)), scope: null).Single();

        Assert.Equal(WeComCardTypes.ButtonInteraction, six.Card!.CardType);
        Assert.Equal(6, six.Card.ButtonList!.Count);
        Assert.True(WeComTemplateCard.IsValidTaskId(six.Card.TaskId));
        var stored = new WeComCardActionStore(_db, _clock).Find(six.Card.ButtonList[2].Key, "chat-1")!;
        Assert.Equal("verb3", JsonNode.Parse(stored.DataJson)!["verb"]!.GetValue<string>());
        Assert.Null(new WeComCardActionStore(_db, _clock).Find(six.Card.ButtonList[2].Key, "other-chat"));
        Assert.Null(seven.Card);
        Assert.Null(proactive.Card);
        Assert.Equal("**选择**", proactive.Markdown);
    }

    [Fact]
    public void Button_keys_expire()
    {
        var card = new AdaptiveCard().Add(new TextBlock("选择"));
        card.AddAction(SubmitAction.For("好", "ok"));
        var key = Downgrade().Downgrade(TurnContext.CardActivity(card), Scope).Single().Card!.ButtonList![0].Key;

        _clock.Advance(WeComCardActionStore.Lifetime + TimeSpan.FromMinutes(1));

        Assert.Null(new WeComCardActionStore(_db, _clock).Find(key, "chat-1"));
    }

    [Fact]
    public void A_form_becomes_a_text_notice_linking_to_a_stored_signed_form()
    {
        var card = new AdaptiveCard().Add(TextBlock.Title("调解登记"), new TextInput { Id = "name", Label = "当事人" });
        card.AddAction(new SubmitAction { Title = "提交" });

        var message = Downgrade().Downgrade(TurnContext.CardActivity(card), Scope).Single();

        Assert.Equal(WeComCardTypes.TextNotice, message.Card!.CardType);
        var url = message.Card.CardAction!.Url!;
        Assert.StartsWith("https://bot.test/forms/f", url);
        Assert.Contains($"[点击填写]({url})", message.Markdown);
        Assert.Contains("· 当事人", message.Markdown);
        var (check, form) = new WeComFormTokens(_db, _clock, Options.Create(new WeComOptions())).Check(url["https://bot.test/forms/".Length..]);
        Assert.Equal(WeComFormCheck.Valid, check);
        Assert.Equal("wecom:zhangsan", form!.UserKey);
        Assert.Equal(Scope.StateKey, form.StateKey);
        Assert.Equal(_clock.GetUtcNow() + WeComFormTokens.Lifetime, form.ExpiresUtc);
    }

    [Fact]
    public void Teams_style_mentions_become_wecom_mentions()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "<at>张三</at> 请处理", Entities = [Entity.Mention("wecom:zhangsan", "张三")] };

        Assert.Equal("<@zhangsan> 请处理", Downgrade().Downgrade(activity, null).Single().Markdown);
    }
}
