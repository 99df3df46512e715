using System.Text.Json.Nodes;

namespace ChatBot.Tests.WeCom.LongConnection;

/// <summary>
/// The fake long-connection server is only used to test the bot once Tencent's own client accepts it: the SDK
/// connects, subscribes, heartbeats without being declared dead, receives a message and replies to it, pushes, updates
/// a clicked card, sends a welcome, reads a refused subscribe and a disconnected_event as WeCom sends them.
/// </summary>
public sealed class AibotSdkConformanceTests
{
    [Fact]
    public async Task The_official_sdk_subscribes_heartbeats_replies_pushes_and_stands_down_against_the_fake_server()
    {
        await using var server = new FakeLongConnectionServer("sdk-bot", "sdk-secret");
        var peer = AibotSdkPeer.Start(server.Url, "sdk-bot", "sdk-secret", TimeSpan.FromSeconds(4));
        await FakeLongConnectionServer.EventuallyAsync(() => server.SubscribedSessions == 1, "the SDK's subscribe");

        var messageReq = await server.SendCallbackAsync(new JsonObject
        {
            ["msgid"] = "sdk-msg-1", ["aibotid"] = "sdk-bot", ["chatid"] = "wrk-group-1", ["chattype"] = "group",
            ["from"] = new JsonObject { ["userid"] = "zhangsan" }, ["msgtype"] = "text",
            ["text"] = new JsonObject { ["content"] = "@法治助手 调解登记" },
        });
        var reply = await server.WaitForAsync(f => (string?)f["cmd"] == "aibot_respond_msg", "the SDK's reply");
        var push = await server.WaitForAsync(f => (string?)f["cmd"] == "aibot_send_msg", "the SDK's push");
        var clickReq = await server.SendCallbackAsync(new JsonObject
        {
            ["msgid"] = "sdk-click-1", ["aibotid"] = "sdk-bot", ["chatid"] = "wrk-group-1", ["chattype"] = "group",
            ["from"] = new JsonObject { ["userid"] = "zhangsan" }, ["msgtype"] = "event",
            ["event"] = new JsonObject
            {
                ["eventtype"] = "template_card_event",
                ["template_card_event"] = new JsonObject { ["card_type"] = "button_interaction", ["event_key"] = "k1", ["task_id"] = "t1" },
            },
        });
        var update = await server.WaitForAsync(f => (string?)f["cmd"] == "aibot_respond_update_msg", "the SDK's card update");
        var enterReq = await server.SendCallbackAsync(new JsonObject
        {
            ["msgid"] = "sdk-enter-1", ["aibotid"] = "sdk-bot", ["chattype"] = "single", ["from"] = new JsonObject { ["userid"] = "lisi" },
            ["msgtype"] = "event", ["event"] = new JsonObject { ["eventtype"] = "enter_chat" },
        });
        var welcome = await server.WaitForAsync(f => (string?)f["cmd"] == "aibot_respond_welcome_msg", "the SDK's welcome");
        await FakeLongConnectionServer.EventuallyAsync(() => server.ReceivedWith("ping").Count >= 3, "three heartbeats");
        await server.SupersedeAsync();

        var events = await peer.EventsAsync();
        string[] names = [.. events.Select(e => (string)e["event"]!)];

        // Subscribe: bot_id and secret in the body, req_id prefixed with the cmd.
        var subscribe = server.ReceivedWith("aibot_subscribe").Single();
        Assert.Equal("sdk-bot", (string)subscribe["body"]!["bot_id"]!);
        Assert.Equal("sdk-secret", (string)subscribe["body"]!["secret"]!);
        Assert.StartsWith("aibot_subscribe", (string)subscribe["headers"]!["req_id"]!);
        Assert.Contains("authenticated", names);
        // Heartbeats acked as the SDK expects: it never declared the connection dead, so it never reconnected.
        Assert.All(server.ReceivedWith("ping"), p => Assert.StartsWith("ping", (string)p["headers"]!["req_id"]!));
        Assert.Equal(1, server.SessionCount);
        // The message as the SDK saw it, its reply on the same req_id, acked.
        var message = events.Single(e => (string)e["event"]! == "message");
        Assert.Equal(messageReq, (string)message["reqId"]!);
        Assert.Equal("@法治助手 调解登记", (string)message["body"]!["text"]!["content"]!);
        Assert.Equal(messageReq, (string)reply["headers"]!["req_id"]!);
        Assert.Equal("stream", (string)reply["body"]!["msgtype"]!);
        Assert.Contains("replied", names);
        // The push: chatid and a fresh req_id, acked.
        Assert.Equal("wrk-group-1", (string)push["body"]!["chatid"]!);
        Assert.Equal("markdown", (string)push["body"]!["msgtype"]!);
        Assert.StartsWith("aibot_send_msg", (string)push["headers"]!["req_id"]!);
        Assert.Contains("pushed", names);
        // Card update and welcome on their events' req_ids.
        Assert.Equal(clickReq, (string)update["headers"]!["req_id"]!);
        Assert.Equal("update_template_card", (string)update["body"]!["response_type"]!);
        Assert.Contains("updated", names);
        Assert.Equal(enterReq, (string)welcome["headers"]!["req_id"]!);
        Assert.Contains("welcome", names);
        // disconnected_event: the SDK sees the event, disconnects and does not come back.
        Assert.Contains(events, e => (string)e["event"]! == "event" && (string?)e["eventtype"] == "disconnected_event");
        Assert.Contains("disconnected", names);
        Assert.Equal(1, server.SessionCount);
        Assert.DoesNotContain(events, e => ((string)e["event"]!).EndsWith("failed", StringComparison.Ordinal) || (string)e["event"]! == "error");
    }

    [Fact]
    public async Task The_official_sdk_reads_the_fake_servers_refused_subscribe_as_an_authentication_failure()
    {
        await using var server = new FakeLongConnectionServer("sdk-bot", "the-right-secret");
        var peer = AibotSdkPeer.Start(server.Url, "sdk-bot", "a-wrong-secret", TimeSpan.FromSeconds(2));

        var events = await peer.EventsAsync();

        Assert.DoesNotContain(events, e => (string)e["event"]! == "authenticated");
        Assert.Contains(events, e => (string)e["event"]! == "error" && ((string)e["error"]!).Contains("Authentication failed", StringComparison.Ordinal)
            && ((string)e["error"]!).Contains(FakeLongConnectionServer.InvalidSecretErrCode.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        // maxAuthFailureAttempts 1: one retry, then the SDK gives up.
        Assert.Equal(2, server.SessionCount);
        Assert.Equal(0, server.SubscribedSessions);
    }
}
