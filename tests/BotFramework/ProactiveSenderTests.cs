using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.BotFramework;

public class ProactiveSenderTests
{
    private static StoredConversationReference Reference(string channel = "msteams", string serviceUrl = "https://smba.trafficmanager.net/apac/") => new()
    {
        Id = "ws-1",
        ChannelId = channel,
        ServiceUrl = serviceUrl,
        ConversationId = "19:group-7@thread.v2",
        ConversationType = "groupChat",
        IsGroup = true,
        TenantId = "tenant-9",
        BotId = "28:bot",
        BotName = "依法行政助手",
        Locale = "zh-CN",
    };

    [Fact]
    public async Task Sends_a_new_message_into_the_stored_teams_conversation()
    {
        using var host = new BotHost();
        var messenger = host.Service<ProactiveMessenger>();
        var result = await messenger.SendAsync(Reference(), new Activity { Text = "提醒:本月学法", ReplyToId = "old" }, default);

        var sent = Assert.Single(host.Connector.Sent);
        Assert.Equal(result.Id, sent.Id);
        Assert.Equal("19:group-7@thread.v2", sent.Conversation!.Id);
        Assert.Equal("tenant-9", sent.Conversation.TenantId);
        Assert.True(sent.Conversation.IsGroup);
        Assert.Equal("https://smba.trafficmanager.net/apac/", sent.ServiceUrl);
        Assert.Equal("msteams", sent.ChannelId);
        Assert.Equal("28:bot", sent.From!.Id);
        Assert.Null(sent.ReplyToId);
    }

    [Theory]
    [InlineData("msteams", "https://smba.trafficmanager.net/apac/", true)]
    [InlineData("webchat", "https://webchat.botframework.com/", true)]
    [InlineData("emulator", "http://localhost:50123", true)]
    [InlineData("webchat", "http://localhost:3978/", false)]     // the local Direct Line's own conversations
    [InlineData("msteams", "https://evil.example.com/", false)]
    [InlineData("wecom", "https://qyapi.weixin.qq.com/", false)]
    public void Claims_only_bot_framework_conversations_it_may_call(string channel, string serviceUrl, bool expected)
    {
        using var host = new BotHost();
        var sender = host.Service<IEnumerable<IProactiveSender>>().OfType<ChatBot.Bot.Channels.BotFramework.BotFrameworkProactiveSender>().Single();
        Assert.Equal(expected, sender.CanSend(Reference(channel, serviceUrl)));
    }
}
