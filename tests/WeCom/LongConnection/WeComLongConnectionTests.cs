using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.LongConnection;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Logging;
using static ChatBot.Tests.WeCom.LongConnection.LongConnectionHarness;

namespace ChatBot.Tests.WeCom.LongConnection;

/// <summary>
/// The bot in long connection mode against the fake WeCom server (itself checked with the official SDK in
/// <see cref="AibotSdkConformanceTests"/>): no public URL, only an outbound WebSocket.
/// </summary>
public sealed class WeComLongConnectionTests
{
    [Fact]
    public async Task Subscribes_with_bot_id_and_secret_heartbeats_shows_its_state_in_healthz_and_closes_cleanly_on_stop()
    {
        var h = new LongConnectionHarness();
        try
        {
            await h.OnlineAsync();
            var subscribe = h.Server.ReceivedWith("aibot_subscribe").Single();
            Assert.Equal(BotId, (string)subscribe["body"]!["bot_id"]!);
            Assert.Equal(Secret, (string)subscribe["body"]!["secret"]!);
            Assert.StartsWith("aibot_subscribe_", (string)subscribe["headers"]!["req_id"]!);
            await FakeLongConnectionServer.EventuallyAsync(() => h.Server.ReceivedWith("ping").Count >= 3, "three pings");
            Assert.All(h.Server.ReceivedWith("ping"), p => Assert.StartsWith("ping_", (string)p["headers"]!["req_id"]!));
            Assert.Equal(1, h.Server.SessionCount); // acked pings keep the connection

            var health = JsonNode.Parse(await h.Bot.Client.GetStringAsync("/healthz"))!;
            Assert.Equal("ok", (string)health["status"]!);
            Assert.Equal("online", (string)health["wecomLongConnection"]!["state"]!);
            Assert.DoesNotContain(Secret, health.ToJsonString());
            Assert.False(h.Log.Mentions(Secret));
        }
        finally
        {
            h.Bot.Dispose();
        }
        await FakeLongConnectionServer.EventuallyAsync(() => h.Server.Sessions[0].CloseStatus == WebSocketCloseStatus.NormalClosure, "a close frame on stop");
        await h.Server.DisposeAsync();
    }

    [Fact]
    public async Task In_callback_mode_no_connection_is_made_and_healthz_is_unchanged()
    {
        await using var h = new LongConnectionHarness(settings: new() { ["WeCom:RobotMode"] = "callback" });
        var health = JsonNode.Parse(await h.Bot.Client.GetStringAsync("/healthz"))!.AsObject();
        await Task.Delay(300);
        Assert.Equal(0, h.Server.SessionCount);
        Assert.False(health.ContainsKey("wecomLongConnection"));
        Assert.Equal(WeComLongConnectionState.Disabled, h.Connection.State);
    }

    [Fact]
    public async Task A_group_mention_is_answered_on_its_req_id_and_without_a_public_url_the_form_becomes_the_step_by_step_dialog()
    {
        await using var h = new LongConnectionHarness();
        await h.OnlineAsync();
        var message = GroupText("@法治助手 调解登记");

        var reqId = await h.Server.SendCallbackAsync(message);
        var reply = await h.ReplyAsync(reqId);

        Assert.Equal("stream", (string)reply["body"]!["msgtype"]!);
        Assert.True((bool)reply["body"]!["stream"]!["finish"]!);
        var content = (string)reply["body"]!["stream"]!["content"]!;
        Assert.Contains("登记一起人民调解案件,请逐项回答", content);
        Assert.DoesNotContain("http", content);
        Assert.Null(reply["body"]!["template_card"]);

        // The same msgid again (WeCom redelivers): no second turn, no second answer.
        var again = await h.Server.SendCallbackAsync(message);
        await Task.Delay(500);
        Assert.Empty(h.FramesFor(again));
        Assert.Single(h.Server.ReceivedWith("aibot_respond_msg"));
    }

    [Fact]
    public async Task With_a_public_base_url_a_form_is_still_a_link_card_and_its_answer_is_pushed_to_the_group()
    {
        await using var h = new LongConnectionHarness(publicBaseUrl: WeComChannelHarness.PublicBaseUrl);
        await h.OnlineAsync();

        var reply = await h.ReplyAsync(await h.Server.SendCallbackAsync(GroupText("@法治助手 填表")));

        Assert.Equal("stream_with_template_card", (string)reply["body"]!["msgtype"]!);
        var url = (string)reply["body"]!["template_card"]!["card_action"]!["url"]!;
        Assert.StartsWith(WeComChannelHarness.PublicBaseUrl + "/forms/", url);

        // Submitted on the page: the answer is pushed into the group over the connection (no webhook key, no app call).
        var submit = await h.Bot.Client.PostAsync(new Uri(url).AbsolutePath, new StringContent(
            """{"data":{"form":"mediation","name":"张三","date":"2026-03-09"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.OK, submit.StatusCode);
        await FakeLongConnectionServer.EventuallyAsync(() => h.Pushes("收到表单:张三").Count == 1, "the form's answer pushed");
        Assert.Equal(ChatId, (string)h.Pushes("收到表单:张三").Single()["body"]!["chatid"]!);
        Assert.Empty(h.Bot.Requests("/cgi-bin/message/send"));
    }

    [Fact]
    public async Task A_slow_turn_first_gets_an_unfinished_stream_that_its_answer_finishes()
    {
        await using var h = new LongConnectionHarness(settings: new() { ["WeCom:RobotReplyWait"] = "00:00:00.2" });
        await h.OnlineAsync();

        var reqId = await h.Server.SendCallbackAsync(GroupText("@法治助手 慢命令"));
        var working = await h.ReplyAsync(reqId);
        Assert.False((bool)working["body"]!["stream"]!["finish"]!);
        Assert.Contains("正在处理", (string)working["body"]!["stream"]!["content"]!);
        h.Bot.Host.Service<SlowGate>().Release.SetResult();

        await FakeLongConnectionServer.EventuallyAsync(() => h.FramesFor(reqId).Count == 2, "the finishing frame");
        var done = h.FramesFor(reqId)[1];
        Assert.True((bool)done["body"]!["stream"]!["finish"]!);
        Assert.Equal((string)working["body"]!["stream"]!["id"]!, (string)done["body"]!["stream"]!["id"]!);
        Assert.Contains("慢速处理完成", (string)done["body"]!["stream"]!["content"]!);
    }

    [Fact]
    public async Task A_card_click_updates_the_card_on_its_req_id_and_the_dialogs_answer_is_pushed_to_the_group()
    {
        await using var h = new LongConnectionHarness();
        await h.OnlineAsync();
        var prompt = await h.ReplyAsync(await h.Server.SendCallbackAsync(GroupText("@法治助手 选颜色")));
        var card = prompt["body"]!["template_card"]!;
        Assert.Equal("button_interaction", (string)card["card_type"]!);
        var blue = card["button_list"]!.AsArray().Single(b => (string)b!["text"]! == "蓝色")!;

        var clickReq = await h.Server.SendCallbackAsync(CardClick((string)blue["key"]!, (string)card["task_id"]!));

        var update = await h.ReplyAsync(clickReq, "aibot_respond_update_msg");
        Assert.Equal("update_template_card", (string)update["body"]!["response_type"]!);
        Assert.Equal(["zhangsan"], update["body"]!["userids"]!.AsArray().Select(u => (string)u!));
        Assert.Equal((string)card["task_id"]!, (string)update["body"]!["template_card"]!["task_id"]!);
        Assert.Contains("蓝色", (string)update["body"]!["template_card"]!["main_title"]!["title"]!);
        await FakeLongConnectionServer.EventuallyAsync(() => h.Pushes("已选择颜色:blue").Count == 1, "the dialog's answer pushed");
        var push = h.Pushes("已选择颜色:blue").Single();
        Assert.Equal(ChatId, (string)push["body"]!["chatid"]!);
        Assert.Equal("markdown", (string)push["body"]!["msgtype"]!);
    }

    [Fact]
    public async Task Enter_chat_gets_its_welcome_on_the_events_req_id()
    {
        await using var h = new LongConnectionHarness();
        await h.OnlineAsync();
        var reqId = await h.Server.SendCallbackAsync(new JsonObject
        {
            ["msgid"] = NewMsgId(), ["aibotid"] = BotId, ["chattype"] = "single", ["from"] = new JsonObject { ["userid"] = "zhaoliu" },
            ["msgtype"] = "event", ["event"] = new JsonObject { ["eventtype"] = "enter_chat" },
        });

        var welcome = await h.ReplyAsync(reqId, "aibot_respond_welcome_msg");
        Assert.Equal("text", (string)welcome["body"]!["msgtype"]!);
        Assert.Contains("您好!我是依法行政助手", (string)welcome["body"]!["text"]!["content"]!);
    }

    [Fact]
    public async Task Past_the_event_window_the_welcome_and_the_card_update_are_skipped_with_a_log_line_and_the_dialog_goes_on()
    {
        await using var h = new LongConnectionHarness(settings: new() { ["WeCom:RobotEventReplyWindow"] = "00:00:00" });
        await h.OnlineAsync();
        var enterReq = await h.Server.SendCallbackAsync(new JsonObject
        {
            ["msgid"] = NewMsgId(), ["aibotid"] = BotId, ["chattype"] = "single", ["from"] = new JsonObject { ["userid"] = "zhaoliu" },
            ["msgtype"] = "event", ["event"] = new JsonObject { ["eventtype"] = "enter_chat" },
        });
        var prompt = await h.ReplyAsync(await h.Server.SendCallbackAsync(GroupText("@法治助手 选颜色")));
        var card = prompt["body"]!["template_card"]!;
        var red = card["button_list"]!.AsArray().Single(b => (string)b!["text"]! == "红色")!;

        var clickReq = await h.Server.SendCallbackAsync(CardClick((string)red["key"]!, (string)card["task_id"]!));

        await FakeLongConnectionServer.EventuallyAsync(() => h.Pushes("已选择颜色:red").Count == 1, "the dialog's answer pushed");
        await FakeLongConnectionServer.EventuallyAsync(() => h.Log.Has(LogLevel.Warning, "WeCom welcome for zhaoliu skipped"), "the welcome's log line");
        Assert.True(h.Log.Has(LogLevel.Warning, $"WeCom card update for {(string)card["task_id"]!} skipped"));
        Assert.Empty(h.FramesFor(enterReq, "aibot_respond_welcome_msg"));
        Assert.Empty(h.FramesFor(clickReq, "aibot_respond_update_msg"));
    }

    [Fact]
    public async Task A_reminder_is_pushed_with_aibot_send_msg_without_a_webhook_key_and_waits_in_the_outbox_while_the_connection_is_down()
    {
        await using var h = new LongConnectionHarness(settings: new() { ["WeCom:RobotMaxAuthFailures"] = "1000" });
        await h.OnlineAsync();
        // A turn in the group stores its conversation reference (as for any reminder).
        await h.ReplyAsync(await h.Server.SendCallbackAsync(GroupText("@法治助手 帮助")));
        var workspaceId = $"wecom:{BotId}:{ChatId}";
        Assert.NotNull(h.Bot.Host.Service<ConversationReferenceStore>().Get(workspaceId));
        var outbox = h.Bot.Host.Service<OutboxStore>();
        var sender = h.Bot.Host.Service<OutboxSender>();

        // Online: the reminder goes out as a push, to the chat id, with no webhook key configured anywhere.
        outbox.TryEnqueue(ReminderMessages.Create("test-reminder-1", workspaceId, "reminder.test",
            new Activity { Type = ActivityTypes.Message, Text = "督办提醒:防汛物资盘点已逾期" }, h.Bot.Host.Clock.GetUtcNow()));
        await sender.DrainAsync(h.Bot.Host.Clock.GetUtcNow(), CancellationToken.None);
        var push = Assert.Single(h.Pushes("防汛物资盘点已逾期"));
        Assert.Equal(ChatId, (string)push["body"]!["chatid"]!);
        Assert.Equal("markdown", (string)push["body"]!["msgtype"]!);
        Assert.Empty(h.Bot.Requests("/cgi-bin/webhook/send"));
        Assert.Equal(OutboxStatus.Sent, outbox.Get("test-reminder-1")!.Status);

        // Down (WeCom refuses the subscribe for now): the next reminder is attempted, fails, and waits.
        h.Server.Secret = "rotated-for-a-while";
        h.Server.DropAll();
        await FakeLongConnectionServer.EventuallyAsync(() => !h.Connection.IsOnline, "the connection to be down");
        outbox.TryEnqueue(ReminderMessages.Create("test-reminder-2", workspaceId, "reminder.test",
            new Activity { Type = ActivityTypes.Message, Text = "督办提醒:第二条" }, h.Bot.Host.Clock.GetUtcNow()));
        var down = await sender.DrainAsync(h.Bot.Host.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(1, down.Failed);
        Assert.Equal(OutboxStatus.Pending, outbox.Get("test-reminder-2")!.Status);
        Assert.Empty(h.Pushes("第二条"));

        // Back: the next round sends it, once.
        h.Server.Secret = Secret;
        await h.OnlineAsync();
        h.Bot.Host.Clock.Advance(TimeSpan.FromHours(2));
        await sender.DrainAsync(h.Bot.Host.Clock.GetUtcNow(), CancellationToken.None);
        await FakeLongConnectionServer.EventuallyAsync(() => outbox.Get("test-reminder-2")!.Status == OutboxStatus.Sent, "the waiting reminder sent");
        await sender.DrainAsync(h.Bot.Host.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Single(h.Pushes("第二条"));
        Assert.Single(h.Pushes("防汛物资盘点已逾期"));
    }

    [Fact]
    public async Task The_server_dropping_the_connection_mid_reply_loses_nothing_and_sends_nothing_twice()
    {
        await using var h = new LongConnectionHarness();
        await h.OnlineAsync();
        h.Server.DropOn = f => (string?)f["cmd"] == "aibot_respond_msg";
        var message = GroupText("@法治助手 计数");

        var reqId = await h.Server.SendCallbackAsync(message);

        // The reply was written but never acked: the connection dropped. After the reconnect it is pushed, once.
        await FakeLongConnectionServer.EventuallyAsync(() => h.Pushes("计数:1").Count == 1, "the answer pushed after the reconnect");
        // The push is acked and marked sent before the test moves the clock an hour on: an hour later the send lease
        // of a push still waiting for its ack would have run out, and the scheduler would rightly try it again.
        await FakeLongConnectionServer.EventuallyAsync(() => h.Bot.Host.Service<OutboxStore>().All().All(m => m.Status != OutboxStatus.Pending), "the pushed answer marked sent");
        Assert.Single(h.FramesFor(reqId));
        Assert.Equal(2, h.Server.SubscribedSessions);
        // WeCom delivering the message again on the new connection runs no second turn.
        await h.Server.SendCallbackAsync(message);
        await h.Bot.Host.Service<OutboxSender>().DrainAsync(h.Bot.Host.Clock.GetUtcNow() + TimeSpan.FromHours(1), CancellationToken.None);
        await Task.Delay(500);
        Assert.Equal(1, h.Bot.Host.Service<CountingCommand>().Count);
        Assert.Single(h.Pushes("计数:1"));
        Assert.Empty(h.Pushes("计数:2"));
        // The redelivery may still get a frame on its own req_id (under load the "正在处理…" stream opens before the
        // duplicate is recognised, and is then closed), but never the answer again.
        Assert.DoesNotContain(h.Server.ReceivedWith("aibot_respond_msg"),
            f => (string?)f["headers"]?["req_id"] != reqId && f["body"]!.ToJsonString().Contains("计数", StringComparison.Ordinal));
        Assert.True(h.Log.Has(LogLevel.Warning, "they wait in the outbox"));
    }

    [Fact]
    public async Task A_disconnected_event_makes_the_bot_stand_down_instead_of_fighting_for_the_connection()
    {
        await using var h = new LongConnectionHarness();
        await h.OnlineAsync();

        await h.Server.SupersedeAsync();

        await FakeLongConnectionServer.EventuallyAsync(() => h.Connection.State == WeComLongConnectionState.StoodDown, "standing down");
        await Task.Delay(800); // several reconnect delays
        Assert.Equal(1, h.Server.SessionCount);
        var health = JsonNode.Parse(await h.Bot.Client.GetStringAsync("/healthz"))!;
        Assert.Equal("stooddown", (string)health["wecomLongConnection"]!["state"]!);
        Assert.True(h.Log.Has(LogLevel.Warning, "another connection of robot " + BotId + " took over"));
    }

    [Fact]
    public async Task A_wrong_secret_is_logged_clearly_and_retried_a_bounded_number_of_times()
    {
        await using var h = new LongConnectionHarness(secret: "a-wrong-secret-0002", settings: new() { ["WeCom:RobotMaxAuthFailures"] = "3" });

        await FakeLongConnectionServer.EventuallyAsync(() => h.Connection.State == WeComLongConnectionState.AuthFailed, "giving up");
        await Task.Delay(800);

        Assert.Equal(3, h.Server.SessionCount);
        Assert.Equal(0, h.Server.SubscribedSessions);
        Assert.True(h.Log.Has(LogLevel.Error, $"errcode {FakeLongConnectionServer.InvalidSecretErrCode}"));
        Assert.True(h.Log.Has(LogLevel.Error, "check WeCom:RobotBotId and WeCom:RobotSecret"));
        Assert.False(h.Log.Mentions("a-wrong-secret-0002"));
        var health = JsonNode.Parse(await h.Bot.Client.GetStringAsync("/healthz"))!;
        Assert.Equal("authfailed", (string)health["wecomLongConnection"]!["state"]!);
    }
}
