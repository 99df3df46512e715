using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

/// <summary>Channels without cards get the same information as text, and the help card lists the commands.</summary>
public class MediationTextChannelTests
{
    [Fact]
    public async Task Show_list_and_stats_answer_in_text_where_cards_are_not_supported()
    {
        using var host = new BotHost();
        async Task<IReadOnlyList<ChatBot.Bot.Channels.BotFramework.Schema.Activity>> Say(string text, string locale = "zh-CN") => await host.SendAsync(TextOnly(text, locale: locale));
        foreach (var answer in new[] { "调解登记", "今天", "1", "2", "北坡村", "赵六 13900001111", "2", "跳过", "宅基地边界", "我", "调解中", "都不是" })
            await Say(answer);
        Assert.Contains("2026-001", (await Say("是")).AllText());

        var show = await Say("调解 2026-001");
        Assert.Null(show.Single().Card());
        Assert.Contains("当事人: 赵六 13900001111", show.AllText());
        Assert.Contains("回复“回访 2026-001”添加回访", show.AllText());

        var list = await Say("调解列表 未结");
        Assert.Null(list.Single().Card());
        Assert.Contains("2026-001 · 2026年3月10日 · 邻里 · 北坡村", list.AllText());

        var stats = await Say("mediation stats", "en-US");
        Assert.Null(stats.Single().Card());
        Assert.Contains("Received 1, mediated 0, settled 0, success rate —", stats.AllText());
        Assert.Contains("Neighbours: received 1", stats.AllText());
    }

    [Fact]
    public async Task An_invalid_submit_in_a_group_does_not_echo_the_parties_into_the_reshown_card()
    {
        using var host = new BotHost();
        var formId = FormIdOf(await host.SendAsync(Activities.GroupMention("调解登记", "user-1", GroupA)));
        var bad = await host.SendAsync(GroupSubmit(ValidForm(formId, f => f["party1Phone"] = "999")));
        var text = bad.AllText();
        Assert.Contains("电话“999”格式不正确", text);
        // The free texts are echoed as typed (the summary and the terms); the party fields are not.
        Assert.DoesNotContain("张三", text.Replace("张三与欧阳小明因排水沟堵塞发生争执", "").Replace("赔偿张三1500元", ""));
        Assert.DoesNotContain("13812345678", text);
        Assert.Null(InputValue(bad, "party1Name"));
        Assert.Equal("东岭村", InputValue(bad, "village"));
        Assert.Empty(host.Service<MediationStore>().All(ChatBot.Bot.Conversation.WorkspaceResolver.ConversationWorkspaceId(Activities.GroupMention("x", "user-1", GroupA))));
    }

    [Fact]
    public async Task Help_lists_the_mediation_commands_in_both_languages()
    {
        using var host = new BotHost();
        var zh = (await host.SendAsync(Activities.Message("帮助"))).AllText();
        foreach (var command in new[] { "调解登记", "调解列表", "调解 2026-014", "调解统计", "导出调解台账", "回访 2026-014", "调解结果 2026-014" })
            Assert.Contains(command, zh);
        var en = (await host.SendAsync(Activities.Message("help", locale: "en-US"))).AllText();
        foreach (var command in new[] { "log mediation", "mediations [open|month|village]", "mediation stats", "export mediations", "follow up 2026-014", "outcome 2026-014" })
            Assert.Contains(command, en);
    }
}
