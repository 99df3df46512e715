using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.Teams;
using ChatBot.Bot.Conversation;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Teams;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Teams;

/// <summary>The helpers features call: mentions (text and card), message size and pagination.</summary>
public class TeamsBehaviourHelperTests
{
    [Fact]
    public void Mention_build_gives_tags_and_entities_with_the_same_text()
    {
        var (text, entities) = TeamsMentions.Build([("29:a", "王小明"), ("29:b", " Li Na "), ("", "nobody"), ("29:a", "王小明")]);
        Assert.Equal("<at>王小明</at> <at>Li Na</at>", text);
        Assert.Equal(2, entities.Count);
        Assert.Equal("29:b", entities[1].Mentioned!.Id);
        Assert.Equal("Li Na", entities[1].Mentioned!.Name);
        Assert.All(entities, e => Assert.Contains(e.Text!, text));
        Assert.Equal("29:abc", TeamsMentions.UserIdOf("msteams:29:abc"));
        Assert.Null(TeamsMentions.UserIdOf("wecom:zhangsan"));
    }

    [Fact]
    public void Card_mentions_pass_the_card_checker_and_keep_other_msteams_settings()
    {
        var card = new AdaptiveCard { Msteams = new JsonObject { ["width"] = "Full" } };
        card.Add(TextBlock.Heading("逾期任务提醒"));
        var line = card.AddMentionLine([("29:a", "王小明"), ("29:b", "李娜"), ("29:a", "王小明")], "请 ", " 尽快处理。");
        card.AddAction(SubmitAction.For("查看", "plan.list"));

        Assert.Equal("请 <at>王小明</at> <at>李娜</at> 尽快处理。", line.Text);
        var json = card.ToJson();
        CardChecker.AssertValid(json);
        var parsed = JsonNode.Parse(json)!;
        Assert.Equal("Full", (string?)parsed["msteams"]!["width"]);
        var entities = parsed["msteams"]!["entities"]!.AsArray();
        Assert.Equal(2, entities.Count);
        foreach (var e in entities)
        {
            Assert.Equal("mention", (string?)e!["type"]);
            Assert.Contains((string)e["text"]!, line.Text);
        }
        Assert.Equal([("29:a", "王小明", "<at>王小明</at>"), ("29:b", "李娜", "<at>李娜</at>")], CardMentions.Mentions(card));

        // Outside Teams: plain "@name", no entities.
        var plain = new AdaptiveCard();
        var plainLine = plain.AddMentionLine([("wecom:zhang", "张三")], teamsMarkup: false);
        Assert.Equal("@张三", plainLine.Text);
        Assert.Null(plain.Msteams);
        CardChecker.AssertValid(plain.ToJson());
    }

    [Fact]
    public void A_card_with_mentions_in_an_activity_is_valid_and_small()
    {
        var card = new AdaptiveCard();
        card.AddMentionLine([("29:a", "王小明")], suffix: " 您有 1 项任务逾期。");
        var activity = TurnContext.CardActivity(card, "逾期提醒");
        BotHost.AssertCardsValid([activity]);
        Assert.True(MessageSize.Fits(activity));
    }

    [Fact]
    public void Message_size_counts_utf16_and_refuses_an_oversized_card()
    {
        var ascii = new Activity { Text = new string('a', 1000) };
        var chinese = new Activity { Text = new string('调', 1000) };
        // The same number of characters costs the same in UTF-16 (UTF-8 would triple the Chinese one).
        Assert.Equal(MessageSize.Bytes(ascii), MessageSize.Bytes(chinese));
        Assert.InRange(MessageSize.Bytes(ascii), 2000, 2100);

        Assert.True(MessageSize.Fits(TurnContext.CardActivity(BigCard(10))));
        var big = TurnContext.CardActivity(BigCard(200));
        Assert.False(MessageSize.Fits(big));
        Assert.True(MessageSize.Fits(big, limitBytes: 1024 * 1024));
    }

    [Fact]
    public void Count_that_fits_finds_the_largest_page_under_the_limit()
    {
        var items = Enumerable.Range(1, 200).ToList();
        Activity Render(IReadOnlyList<int> page) => TurnContext.CardActivity(BigCard(page.Count));
        var n = MessageSize.CountThatFits(items, 200, Render);
        Assert.InRange(n, 2, 199);
        Assert.True(MessageSize.Fits(Render(items.Take(n).ToList())));
        Assert.False(MessageSize.Fits(Render(items.Take(n + 1).ToList())));

        Assert.Equal(5, MessageSize.CountThatFits(items.Take(5).ToList(), 50, Render));
        Assert.Equal(0, MessageSize.CountThatFits(new List<int>(), 50, Render));
        // A single item that is too big still goes out alone rather than stalling the list.
        Assert.Equal(1, MessageSize.CountThatFits(items, 50, _ => TurnContext.CardActivity(BigCard(500))));
    }

    [Fact]
    public void Paginate_splits_lists_into_numbered_pages()
    {
        var pages = MessageSize.Paginate(Enumerable.Range(1, 25), 10);
        Assert.Equal(3, pages.Count);
        Assert.Equal([10, 10, 5], pages.Select(p => p.Items.Count));
        Assert.Equal([21, 22, 23, 24, 25], pages[2].Items);
        Assert.All(pages, p => Assert.Equal(3, p.Total));
        Assert.True(pages[0].HasNext);
        Assert.False(pages[0].HasPrevious);
        Assert.False(pages[2].HasNext);
        Assert.Equal(21, pages[2].FirstIndex(10));
        Assert.Equal(25, pages[1].TotalItems);

        var empty = Assert.Single(MessageSize.Paginate(Array.Empty<string>(), 10));
        Assert.Empty(empty.Items);
        Assert.Equal(0, empty.FirstIndex(10));
        Assert.False(empty.HasNext);

        Assert.Equal(3, MessageSize.PageOf(Enumerable.Range(1, 25), 10, 99).Number); // clamped to the last page
        Assert.Equal(1, MessageSize.PageOf(Enumerable.Range(1, 25), 10, 0).Number);
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageSize.Paginate(Enumerable.Range(1, 3), 0));
    }

    /// <summary>A list card of <paramref name="rows"/> mediation-like rows, about 300 bytes each.</summary>
    private static AdaptiveCard BigCard(int rows)
    {
        var card = new AdaptiveCard().Add(TextBlock.Title("调解案件列表"));
        var facts = new FactSet();
        for (var i = 1; i <= rows; i++)
            facts.Add($"2026-{i:000}", $"村民第{i}组与第{i + 1}组之间因宅基地边界、灌溉用水和道路通行引发的相邻关系纠纷,已受理,调解员:王小明");
        return card.Add(facts);
    }
}
