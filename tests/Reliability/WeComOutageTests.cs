using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.WeCom;
using static ChatBot.Tests.WeCom.WeComTestKeys;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// The WeCom API side of an outage: qyapi answers HTTP 500, HTTP 200 with errcode 45009 (frequency limit) or -1
/// (system busy), or cannot be reached, then recovers. A reminder through the group robot webhook (markdown, then a
/// text with mentioned_list) and the self-built app's answers to callbacks are delivered once each, in order, and the
/// outbox says Sent. The real channel (webhook sender with its 20/min limiter and 45009 waits, API client with its
/// retries, proactive sender, outbox) runs against a scripted qyapi; the clock is a FakeTimeProvider.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class WeComOutageTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_webhook_reminder_is_delivered_once_after_qyapi_recovers()
    {
        var started = DateTime.UtcNow;
        var calls = new ConcurrentQueue<(JsonNode Body, bool Accepted)>();
        // One answer per webhook post, in order; after the script, every post is accepted.
        var script = new ConcurrentQueue<Func<HttpResponseMessage>?>(
        [
            () => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            // Rate-limited beyond the sender's own two retries (a minute apart, on the fake clock).
            () => FakeWeComServer.Error(45009), () => FakeWeComServer.Error(45009), () => FakeWeComServer.Error(45009),
            () => FakeWeComServer.Error(-1),
            () => throw new HttpRequestException("No route to host (qyapi.weixin.qq.com:443)"),
            null, // the markdown gets through…
            () => FakeWeComServer.Error(-1), // …the text with the mentions does not, this time
        ]);
        using var h = new WeComChannelHarness(
            settings: new() { ["Reminders:Enabled"] = "false", [$"WeCom:WebhookKeys:{WeComChannelHarness.ChatId}"] = "robot-key-1" },
            intercept: request =>
            {
                if (request.Uri.AbsolutePath != "/cgi-bin/webhook/send") return null;
                HttpResponseMessage answer;
                try { answer = script.TryDequeue(out var next) && next is not null ? next() : FakeWeComServer.Ok(); }
                catch (HttpRequestException) { calls.Enqueue((request.Json, false)); throw; }
                calls.Enqueue((request.Json, IsOk(answer)));
                return answer;
            });
        // The group talked to the robot once: its workspace and conversation reference exist.
        await h.PostRobotAsync(WeComChannelHarness.GroupText("帮助"));
        var reference = h.Host.Service<ConversationReferenceStore>().All().Single(r => r.ChannelId == WeComOrigin.ChannelId && r.IsGroup);
        var store = h.Host.Service<OutboxStore>();
        store.Random = () => 0.5; // no jitter

        // Ticks every five minutes for two hours; the reminder is offered every time (its key makes that harmless).
        var delivered = 0;
        for (var i = 0; i < 24; i++)
        {
            var now = h.Host.Clock.GetUtcNow().AddMinutes(5);
            store.TryEnqueue(ReminderMessages.Create("study/outage/2026-03", reference.Id, "study.reminder",
                new Activity { Type = ActivityTypes.Message, Text = "学法提醒" }, now,
                markdown: "**学法提醒**\n本月学法:明天下午三点,镇政府三楼会议室 <@zhangsan>", mentionUserIds: ["zhangsan"]));
            delivered += (await TickAsync(h, now)).Drained.Sent;
        }

        Assert.Equal(1, delivered);
        var accepted = calls.Where(c => c.Accepted).Select(c => c.Body).ToList();
        Assert.Equal(2, accepted.Count); // each post once: markdown, then the text with the mention
        Assert.Equal("markdown", (string)accepted[0]["msgtype"]!);
        Assert.Contains("镇政府三楼会议室", (string)accepted[0]["markdown"]!["content"]!);
        Assert.Equal("text", (string)accepted[1]["msgtype"]!);
        Assert.Equal(["zhangsan"], accepted[1]["text"]!["mentioned_list"]!.AsArray().Select(n => (string)n!).ToArray());
        Assert.Equal(9, calls.Count);
        var message = store.Get("study/outage/2026-03")!;
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(6, message.Attempts); // 500, 45009 (×3 inside one attempt), -1, unreachable, markdown + -1, text
        Assert.Equal(1, message.PartsDelivered);
        Assert.True(DateTime.UtcNow - started < Bound);
    }

    [Fact]
    public async Task App_answers_wait_while_qyapi_is_down_and_arrive_once_in_order_after_recovery()
    {
        var started = DateTime.UtcNow;
        string? down = "500"; // null: qyapi answers
        var sent = new ConcurrentQueue<JsonNode>();
        using var h = new WeComChannelHarness(settings: new() { ["Reminders:Enabled"] = "false" }, intercept: request =>
        {
            var path = request.Uri.AbsolutePath;
            switch (down)
            {
                case "500": return new HttpResponseMessage(HttpStatusCode.InternalServerError); // every qyapi call, gettoken too
                case "unreachable": throw new HttpRequestException("Name or service not known (qyapi.weixin.qq.com)");
                case { } errcode when path == "/cgi-bin/message/send": return FakeWeComServer.Error(int.Parse(errcode));
            }
            if (path == "/cgi-bin/message/send") sent.Enqueue(request.Json);
            return null;
        });
        var queue = h.Host.Service<WeComBackgroundQueue>();
        var counter = h.Host.Service<CountingCommand>();
        var store = h.Host.Service<OutboxStore>();
        string Xml(string text, int msgId) =>
            $"<xml><ToUserName><![CDATA[{SampleCorpId}]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName><CreateTime>{h.Now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";
        async Task CallbackAsync(string xml)
        {
            Assert.Equal(HttpStatusCode.OK, (await h.PostAppXmlAsync(xml)).StatusCode);
            await ChatBot.Tests.Infrastructure.Poll.Eventually(() => queue.Pending == 0, "the app turn");
        }
        List<OutboxMessage> Answers() => store.All().Where(m => m.Kind == WeComAppReplies.Kind).OrderBy(m => m.Sequence).ToList();

        // HTTP 500 (after the client's retries): the turn ran, its answer waits.
        var first = Xml("计数", 9001);
        await CallbackAsync(first);
        Assert.Equal(1, counter.Count);
        Assert.Equal(OutboxStatus.Pending, Assert.Single(Answers()).Status);
        // WeCom calls back again with the same MsgId: nothing runs or waits twice.
        await CallbackAsync(first);
        Assert.Equal(1, counter.Count);
        Assert.Single(Answers());

        // Busy (-1): the next turn's answer queues behind the first.
        down = "-1";
        await CallbackAsync(Xml("计数", 9002));
        Assert.Equal(2, counter.Count);
        Assert.Equal(2, Answers().Count);

        // Rate-limited, then unreachable, for a few scheduler rounds; then back.
        foreach (var outage in new[] { "45009", "unreachable" })
        {
            down = outage;
            for (var i = 0; i < 2; i++) await TickAsync(h, h.Host.Clock.GetUtcNow().AddMinutes(5));
        }
        Assert.Empty(sent);
        down = null;
        for (var i = 0; i < 12; i++) await TickAsync(h, h.Host.Clock.GetUtcNow().AddMinutes(5));
        Assert.Equal(["计数:1", "计数:2"], sent.Select(s => (string)s["markdown"]!["content"]!).ToArray());
        Assert.All(sent, s => Assert.Equal("lisi", (string)s["touser"]!));
        Assert.All(Answers(), m => Assert.Equal(OutboxStatus.Sent, m.Status));

        // The lane is empty: the next answer goes out at once.
        await CallbackAsync(Xml("计数", 9003));
        Assert.Equal("计数:3", (string)sent.Last()["markdown"]!["content"]!);
        Assert.Equal(3, sent.Count);
        Assert.True(DateTime.UtcNow - started < Bound);
    }

    /// <summary>One scheduler round at <paramref name="now"/>; the fake clock moves on while it runs (the webhook sender waits out 45009 on it).</summary>
    private static async Task<ReminderScheduler.TickResult> TickAsync(WeComChannelHarness h, DateTimeOffset now)
    {
        h.Host.Clock.SetUtcNow(now);
        var tick = h.Host.Service<ReminderScheduler>().RunOnceAsync(now);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!tick.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < until, "a scheduler round did not finish");
            await Task.Delay(10);
            h.Host.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        return await tick;
    }

    private static bool IsOk(HttpResponseMessage answer) =>
        answer.IsSuccessStatusCode && answer.Content.ReadAsStringAsync().Result.Contains("\"errcode\":0");
}
