using ChatBot.Bot.Features.PlanTasks;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Conversation;

/// <summary>Wording a clerk stumbled on in the first hour.</summary>
public class ClerkCopyTests
{
    [Fact]
    public void The_digest_week_is_said_as_a_clerk_says_it()
    {
        Assert.Equal("第49周,11月30日–12月6日", ProgressDigestCommand.WeekLabel(Lang.Zh, new DateOnly(2026, 12, 3)));
        Assert.Equal("week 49, Nov 30 – Dec 6", ProgressDigestCommand.WeekLabel(Lang.En, new DateOnly(2026, 12, 3)));
        Assert.Equal("第1周,12月29日–1月4日", ProgressDigestCommand.WeekLabel(Lang.Zh, new DateOnly(2026, 1, 1)));
        Assert.Equal("2026-W49", ProgressDigestCommand.IsoWeek(new DateOnly(2026, 12, 3))); // the outbox key keeps ISO
    }

    [Fact]
    public void An_empty_case_list_does_not_ask_to_click_a_case()
    {
        var zh = MediationCaseCards.List(Lang.Zh, "调解案件", [], 0, false, null).ToJson();
        Assert.DoesNotContain("点击案件", zh);
        Assert.Contains("暂无案件", zh);
        Assert.Contains("No cases", MediationCaseCards.List(Lang.En, "Cases", [], 0, false, null).ToJson());
    }

    [Fact]
    public async Task The_amount_question_says_skip_once_and_the_people_retry_has_no_fraction_example()
    {
        await using var host = new BotHost();
        const string user = "copy-user";
        async Task<string> Say(string text) => (await host.SendAsync(Activities.Message(text, user, "sms-" + user, "sms", "personal"))).AllText();
        foreach (var answer in new[] { "调解登记", "今天", "1", "2", "北坡村" }) await Say(answer);
        Assert.Contains("涉及人数", await Say("赵六 13900001111"));
        var all = new List<string> { await Say("很多"), await Say("2") };
        var people = all[0];
        Assert.Contains("请输入一个整数", people);
        Assert.DoesNotContain("1.5万", people);
        var amount = all[^1];
        Assert.Contains("涉及金额", amount);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(amount, "跳过"));
    }
}
