using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.DirectLine;

namespace ChatBot.Tests.DirectLine;

/// <summary>Web Chat sorts by timestamp: replies made in the same millisecond must still come out in the order sent.</summary>
public class ReplyOrderTests
{
    [Fact]
    public void Activities_appended_in_one_millisecond_get_increasing_timestamps()
    {
        var now = new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero).AddTicks(4_321);
        var conversation = new DirectLineConversation("c1", "t1", now.AddHours(1), 100);
        conversation.AppendFromClient(new Activity { Type = "message", Text = "帮助", Timestamp = now }, "client-1", now);
        for (var i = 0; i < 5; i++)
            conversation.Append(new Activity { Type = "message", Text = $"reply {i}", Timestamp = now.AddTicks(i) }, now);
        conversation.Append(new Activity { Type = "message", Text = "reply without time" }, now);

        var stamps = conversation.After(null).Activities
            .Select(json => JsonSerializer.Deserialize<Activity>(json, BotJson.Options)!)
            .Select(a => (a.Text, Ms: a.Timestamp!.Value.ToUnixTimeMilliseconds())).ToList();
        Assert.Equal(7, stamps.Count);
        for (var i = 1; i < stamps.Count; i++)
            Assert.True(stamps[i].Ms > stamps[i - 1].Ms, $"{stamps[i].Text} is not after {stamps[i - 1].Text}");
    }
}
