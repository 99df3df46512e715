using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// Issue #20, item 4: a reply that Teams' per-conversation send limit (60 per 30 s) would hold back does not hold
/// /api/messages open past the Bot Connector's timeout: it leaves through the outbox lane, in order, once the limit
/// allows. Real /api/messages, ConnectorClient and throttle; the test clock stands still unless the test moves it,
/// so a turn that waited for the throttle would never answer.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class ThrottledTurnTests
{
    private const string Conversation = "19:busy@thread.v2";

    [Fact]
    public async Task The_61st_reply_in_30_seconds_waits_in_the_outbox_and_the_request_answers_at_once()
    {
        var connector = new OutageConnector();
        var errors = new ErrorLog();
        using var host = new BotHost(settings: new() { ["Reminders:Enabled"] = "false" }, configure: services =>
        {
            services.RemoveAll<IConnectorClient>();
            services.AddHttpClient<IConnectorClient, ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => connector);
            services.AddSingleton<ILoggerProvider>(errors);
        });

        // 60 turns 0.4 s apart: within 7 per second and 8 per 2 s, each answered at once.
        var turns = new List<Activity>();
        for (var i = 0; i < 60; i++)
        {
            var turn = Activities.GroupMention("帮助", "user-1", Conversation);
            turns.Add(turn);
            await PostPromptlyAsync(host, turn);
            host.Clock.Advance(TimeSpan.FromMilliseconds(400));
        }
        Assert.Equal(60, connector.Accepted.Count);

        // The 61st within 30 s of the first would wait 6 s for the limit: the request answers now, the reply waits.
        var sixtyFirst = Activities.GroupMention("帮助", "user-1", Conversation);
        var watch = Stopwatch.StartNew();
        await PostPromptlyAsync(host, sixtyFirst);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(60, connector.Accepted.Count);
        var waiting = Assert.Single(Replies(host));
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("send limit", waiting.LastError);

        // The next turn tries the waiting reply first (not yet allowed: no attempt counted) and queues its own behind it.
        host.Clock.Advance(TimeSpan.FromMilliseconds(400));
        var sixtySecond = Activities.GroupMention("帮助", "user-1", Conversation);
        await PostPromptlyAsync(host, sixtySecond);
        Assert.Equal(60, connector.Accepted.Count);
        Assert.Equal(2, Replies(host).Count(m => m.Status == OutboxStatus.Pending));
        Assert.All(Replies(host), m => Assert.Equal(0, m.Attempts));

        // A scheduler round after the window has moved on delivers both, in order, once.
        var now = host.Clock.GetUtcNow().AddSeconds(36);
        host.Clock.SetUtcNow(now);
        await host.Service<ReminderScheduler>().RunOnceAsync(now).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(62, connector.Accepted.Count);
        Assert.Equal([sixtyFirst.Id, sixtySecond.Id], connector.Accepted.Skip(60).Select(a => a.Activity.ReplyToId));
        Assert.All(Replies(host), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        await host.Service<ReminderScheduler>().RunOnceAsync(now.AddMinutes(5));
        Assert.Equal(62, connector.Accepted.Count);
        Assert.True(errors.Errors.IsEmpty, ErrorLog.Summary(errors));
    }

    [Fact]
    public async Task Within_an_allowance_the_throttle_waits_what_fits_and_refuses_the_rest_without_counting_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        var throttle = new ConversationSendThrottle(clock);
        var allowance = new ThrottleAllowance(TimeSpan.FromSeconds(3));
        using (ConversationSendThrottle.Allow(allowance))
        {
            for (var i = 0; i < 7; i++) await throttle.WaitTurnAsync("c", default).WaitAsync(TimeSpan.FromSeconds(10));
            // The 8th in a second waits 1 s, within the allowance.
            var eighth = throttle.WaitTurnAsync("c", default);
            await Task.Delay(50);
            Assert.False(eighth.IsCompleted);
            clock.Advance(TimeSpan.FromSeconds(1));
            await eighth.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(TimeSpan.FromSeconds(2), allowance.Remaining);
            // The 9th would wait until 2 s after the first: 1 s, still allowed; by now only 1 s is left.
            var ninth = throttle.WaitTurnAsync("c", default);
            await Task.Delay(50);
            clock.Advance(TimeSpan.FromSeconds(1));
            await ninth.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(TimeSpan.FromSeconds(1), allowance.Remaining);
            // 52 more at 0.3 s steps fill the 30 s window's 60: the wait for the 61st is longer than the allowance.
            for (var i = 0; i < 51; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(300));
                await throttle.WaitTurnAsync("c", default).WaitAsync(TimeSpan.FromSeconds(10));
            }
            var refused = await Assert.ThrowsAsync<ConversationThrottledException>(() => throttle.WaitTurnAsync("c", default));
            Assert.True(refused.RetryAfter > TimeSpan.FromSeconds(1));
            Assert.True(DeliveryFailure.IsTransient(refused, default));
            Assert.False(DeliveryFailure.IsOutage(refused, default));
        }
        // Outside a turn's allowance (outbox rounds, reminders) a sender waits as long as the limits say; the refused
        // send was not counted, so it is the 61st that waits for the window.
        var unbounded = throttle.WaitTurnAsync("c", default);
        await Task.Delay(50);
        Assert.False(unbounded.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));
        await unbounded.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task PostPromptlyAsync(BotHost host, Activity activity)
    {
        using var response = await host.PostAsync(activity).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static List<OutboxMessage> Replies(BotHost host) =>
        host.Service<OutboxStore>().All().Where(ReplyOutbox.IsReply).ToList();
}
