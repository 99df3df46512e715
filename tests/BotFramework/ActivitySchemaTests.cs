using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Tests.BotFramework;

public class ActivitySchemaTests
{
    private const string TeamsMessage = """
    {
      "type": "message", "id": "1741568700321", "timestamp": "2026-03-10T01:05:00.1234567Z",
      "localTimestamp": "2026-03-10T09:05:00.1234567+08:00", "localTimezone": "Asia/Shanghai",
      "serviceUrl": "https://smba.trafficmanager.net/apac/", "channelId": "msteams",
      "from": { "id": "29:1abc", "name": "王小明", "aadObjectId": "00000000-0000-0000-0000-000000000001", "userRole": "user" },
      "conversation": { "isGroup": true, "conversationType": "groupChat", "tenantId": "t-1", "id": "19:abc@thread.v2" },
      "recipient": { "id": "28:bot", "name": "依法行政助手" },
      "textFormat": "plain", "locale": "zh-CN", "text": "<at>依法行政助手</at> 帮助",
      "attachments": [{ "contentType": "text/html", "content": "<div>帮助</div>" }],
      "entities": [
        { "type": "mention", "mentioned": { "id": "28:bot", "name": "依法行政助手" }, "text": "<at>依法行政助手</at>" },
        { "type": "clientInfo", "locale": "zh-CN", "country": "CN", "platform": "Windows", "timezone": "Asia/Shanghai" }
      ],
      "channelData": { "tenant": { "id": "t-1" }, "source": { "name": "message" }, "legacy": { "replyToId": "x" } },
      "someFutureProperty": { "nested": [1, 2, 3] }
    }
    """;

    [Fact]
    public void Unknown_properties_and_channel_data_survive_a_round_trip()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;
        Assert.Equal("groupChat", activity.Conversation!.ConversationType);
        Assert.Equal("依法行政助手", activity.Entities![0].Mentioned!.Name);

        var again = JsonNode.Parse(JsonSerializer.Serialize(activity, BotJson.Options))!;
        var original = JsonNode.Parse(TeamsMessage)!;
        Assert.True(JsonNode.DeepEquals(original["channelData"], again["channelData"]));
        Assert.True(JsonNode.DeepEquals(original["someFutureProperty"], again["someFutureProperty"]));
        Assert.True(JsonNode.DeepEquals(original["entities"]![1], again["entities"]![1]));
        Assert.Equal("user", (string?)again["from"]!["userRole"]);
        Assert.Equal("Asia/Shanghai", (string?)again["localTimezone"]);
    }

    [Fact]
    public void Replies_are_addressed_back_to_the_sender_in_the_same_conversation()
    {
        var incoming = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;
        var reply = incoming.CreateReply("好的");
        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("29:1abc", reply.Recipient!.Id);
        Assert.Equal("19:abc@thread.v2", reply.Conversation!.Id);
        Assert.Equal("t-1", reply.Conversation.TenantId);
        Assert.Equal(incoming.Id, reply.ReplyToId);
        var json = JsonSerializer.Serialize(reply, BotJson.Options);
        Assert.DoesNotContain("null", json); // absent fields are left out of the wire format
    }
}
