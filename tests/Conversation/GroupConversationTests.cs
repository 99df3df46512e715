using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;

namespace ChatBot.Tests.Conversation;

public class GroupConversationTests
{
    [Theory]
    [InlineData(null, "groupChat", true)]
    [InlineData(null, "channel", true)]
    [InlineData(null, "group", true)]
    [InlineData(true, "personal", true)]
    [InlineData(null, "personal", false)]
    [InlineData(false, null, false)]
    public void A_turn_and_its_stored_reference_agree_on_what_a_group_is(bool? isGroup, string? type, bool expected)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message, ChannelId = "msteams", ServiceUrl = "https://smba.test/",
            Conversation = new ConversationAccount { Id = "c-1", IsGroup = isGroup, ConversationType = type },
        };

        Assert.Equal(expected, GroupConversation.Is(activity.Conversation));
        Assert.Equal(expected, WorkspaceResolver.ReferenceOf(activity, "w", DateTimeOffset.UnixEpoch).IsGroup);
    }

    [Fact]
    public void A_Teams_reply_thread_belongs_to_its_channel_in_the_workspace_id_and_the_stored_reference()
    {
        var thread = Channel("19:abc@thread.tacv2;messageid=1712345678901");
        var channel = Channel("19:abc@thread.tacv2");

        Assert.Equal(WorkspaceResolver.ConversationWorkspaceId(channel), WorkspaceResolver.ConversationWorkspaceId(thread));
        Assert.Equal("19:abc@thread.tacv2", WorkspaceResolver.ReferenceOf(thread, "w", DateTimeOffset.UnixEpoch).ConversationId);
        Assert.Equal("19:abc@thread.tacv2", WorkspaceResolver.StripThread("19:abc@thread.tacv2;MessageId=1"));
    }

    private static Activity Channel(string id) => new()
    {
        Type = ActivityTypes.Message, ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = id, ConversationType = "channel", TenantId = "t-1" },
    };
}
