using System.Text.Json;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Conversation;

public class HelpCardTests
{
    [Theory]
    [InlineData("帮助", "zh-CN", "调解登记", "逾期任务", "安排学法")]
    [InlineData("help", "en-US", "log mediation", "overdue", "schedule study")]
    public async Task The_help_card_lists_every_feature_in_the_users_language(string command, string locale, params string[] expected)
    {
        using var host = new BotHost();
        var text = (await host.SendAsync(Activities.Message(command, locale: locale))).AllText();
        foreach (var e in expected) Assert.Contains(e, text);
    }

    [Fact]
    public async Task Every_button_on_the_help_card_runs_a_command()
    {
        using var host = new BotHost();
        var help = Assert.Single(await host.SendAsync(Activities.Message("帮助", "u-buttons")));
        var actions = help.Card()!.Value.GetProperty("actions").EnumerateArray().ToList();
        Assert.NotEmpty(actions);
        foreach (var action in actions)
        {
            var data = action.GetProperty("data");
            var replies = await host.SendAsync(Activities.Submit(JsonSerializer.Deserialize<object>(data.GetRawText())!, "u-buttons"));
            Assert.NotEmpty(replies);
            Assert.DoesNotContain("已经处理过或已过期", replies.AllText());
            await host.SendAsync(Activities.Message("取消", "u-buttons"));
        }
    }
}
