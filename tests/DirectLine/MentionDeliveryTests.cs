using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.DirectLine;

/// <summary>
/// Every built-in Web Chat page acts on the one local workspace, as the members of one group chat: a reply that
/// @mentions someone is also delivered to that person's open page (so 签收, 催办, 延期 and 验收 reach them), and
/// nothing else is.
/// </summary>
public class MentionDeliveryTests
{
    [Fact]
    public async Task A_reply_that_mentions_someone_reaches_their_page_and_no_other()
    {
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" });
        var (admin, owner, other) = (new DirectLineClient(host), new DirectLineClient(host), new DirectLineClient(host));
        foreach (var (client, id, name) in new[] { (admin, "web-admin", "赵主任"), (owner, "web-owner", "李娜"), (other, "web-other", "王五") })
        {
            await client.StartAsync(id);
            await client.SayAsync("我叫 " + name, id);
        }
        foreach (var client in new[] { admin, owner, other }) await client.PollAsync();

        await admin.SayAsync("设为管理员", "web-admin");
        await admin.SayAsync("帮助", "web-admin");
        Assert.Empty(await owner.PollAsync()); // mentions nobody: the admin's page only
        Assert.Empty(await other.PollAsync());
        Assert.Contains(await admin.PollAsync(), a => a.AllText().Contains("第一位管理员"));

        await admin.SayAsync("绑定 王书记 李娜", "web-admin");
        var bound = Assert.Single(await admin.PollAsync(), a => a.From?.Role == "bot");
        Assert.Contains("已将责任人“王书记”绑定到 <at>李娜</at>", bound.Text);
        var delivered = Assert.Single(await owner.PollAsync());
        Assert.Equal(bound.Text, delivered.Text);
        Assert.Equal((owner.ConversationId, "web-owner", null), (delivered.Conversation?.Id, delivered.Recipient?.Id, delivered.ReplyToId));
        Assert.StartsWith(owner.ConversationId + "|", delivered.Id);
        Assert.Empty(await other.PollAsync());
    }
}
