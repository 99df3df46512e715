using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Mediation;

public class MediationPrivacyTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳小明", "欧***")]
    [InlineData("李", "*")]
    public void Names_keep_only_their_first_character(string name, string masked) => Assert.Equal(masked, MediationPrivacy.MaskName(name));

    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData("0571-87654321", "057****4321")]
    public void Phones_keep_the_first_three_and_last_four_digits(string phone, string masked) => Assert.Equal(masked, MediationPrivacy.MaskPhone(phone));

    private static async Task<string> LogInGroup(BotHost host, string group, string user)
    {
        var formId = FormIdOf(await host.SendAsync(Activities.GroupMention("调解登记", user, group)));
        return (await host.SendAsync(GroupSubmit(ValidForm(formId), group, user))).AllText();
    }

    [Fact]
    public async Task Group_chats_mask_parties_and_personal_chats_of_members_show_them()
    {
        using var host = new BotHost();
        var saved = await LogInGroup(host, GroupA, "user-1");
        Assert.Contains("已登记,案号 2026-001", saved);
        Assert.Contains("张* 138****5678", saved);
        Assert.Contains("欧*** 057****4321", saved);
        Assert.Contains("张*与欧***因排水沟堵塞发生争执", saved); // names inside the summary too
        var updated = host.Connector.Updated.AllText();
        foreach (var text in new[] { saved, updated, (await host.SendAsync(Activities.GroupMention("调解 2026-001", "user-1", GroupA))).AllText(),
                     (await host.SendAsync(Activities.GroupMention("调解列表", "user-1", GroupA))).AllText() })
        {
            Assert.DoesNotContain("张三", text);
            Assert.DoesNotContain("欧阳小明", text);
            Assert.DoesNotContain("13812345678", text);
            Assert.DoesNotContain("87654321", text);
        }

        // The same clerk in a personal chat with the bot acts on the group's records and sees everything.
        var personal = (await host.SendAsync(Activities.Message("调解 2026-001", "user-1", "personal-user-1"))).AllText();
        Assert.Contains("张三 13812345678", personal);
        Assert.Contains("欧阳小明 0571-87654321", personal);

        // Someone who is not a member of the group cannot reach its records at all.
        var stranger = (await host.SendAsync(Activities.Message("调解 2026-001", "user-9", "personal-user-9"))).AllText();
        Assert.Contains("没有案号为 2026-001", stranger);
        Assert.DoesNotContain("张三", stranger);
    }

    [Fact]
    public async Task Workspaces_are_isolated_and_number_their_cases_independently()
    {
        using var host = new BotHost();
        Assert.Contains("2026-001", await LogInGroup(host, GroupA, "user-1"));
        Assert.Contains("2026-002", await LogInGroup(host, GroupA, "user-1"));
        Assert.Contains("已登记,案号 2026-001", await LogInGroup(host, GroupB, "user-2"));

        var listB = (await host.SendAsync(Activities.GroupMention("调解列表", "user-2", GroupB))).AllText();
        Assert.Contains("共 1 件", listB);
        Assert.DoesNotContain("2026-002", listB);
        Assert.Contains("没有案号为 2026-002", (await host.SendAsync(Activities.GroupMention("调解 2026-002", "user-2", GroupB))).AllText());
        Assert.Contains("受理1起", (await host.SendAsync(Activities.GroupMention("调解统计", "user-2", GroupB))).AllText());
        Assert.Contains("受理2起", (await host.SendAsync(Activities.GroupMention("调解统计", "user-1", GroupA))).AllText());
        // A follow-up button of group A's card clicked in group B finds nothing there.
        var click = GroupSubmit(new { verb = "mediation.followup", caseNo = "2026-002" }, GroupB, "user-2");
        Assert.Contains("没有案号为 2026-002", (await host.SendAsync(click)).AllText());
    }

    [Fact]
    public async Task The_ledger_is_refused_in_group_chats()
    {
        using var host = new BotHost();
        await LogInGroup(host, GroupA, "user-1");
        var reply = (await host.SendAsync(Activities.GroupMention("导出调解台账", "user-1", GroupA))).AllText();
        Assert.Contains("请在与我的私聊中", reply);
        Assert.DoesNotContain("/files/", reply);
    }
}
