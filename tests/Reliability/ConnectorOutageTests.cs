using System.Net;
using System.Text;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// The Bot Connector answers 500, then 429, then is unreachable for a while, then recovers: a reminder goes through the
/// real proactive sender, Connector client and HTTP pipeline each tick, and is delivered after the recovery, once.
/// </summary>
[Collection(ReliabilitySuite.Name)]
public class ConnectorOutageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero); // Tue 09:00 Shanghai

    [Fact]
    public async Task A_reminder_is_delivered_once_after_the_connector_recovers()
    {
        var connector = new ScriptedConnector(
            _ => new HttpResponseMessage(HttpStatusCode.InternalServerError),
            _ => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.Zero) } },
            _ => throw new HttpRequestException("connection refused"),
            _ => throw new HttpRequestException("connection refused"),
            _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var source = new ListReminderSource();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        using var host = new BotHost(settings: new()
        {
            ["Reminders:Enabled"] = "false",
            // The outbox retries across ticks; retries inside one call would wait on the fake clock.
            ["BotFramework:ConnectorMaxRetries"] = "0",
        }, clock: clock, configure: services =>
        {
            // The real Connector client (BotHost swaps in a recorder) over a scripted HTTP handler.
            services.RemoveAll<IConnectorClient>();
            services.AddHttpClient<IConnectorClient, ConnectorClient>().ConfigurePrimaryHttpMessageHandler(() => connector);
            services.AddSingleton<IReminderSource>(source);
        });
        ReminderHosts.SeedWorkspace(host);
        source.Producers.Add(now => ReminderHosts.Message("outage/1", T0, "学法提醒:明天下午三点"));
        var scheduler = host.Service<ReminderScheduler>();
        var store = host.Service<OutboxStore>();
        store.Random = () => 0.5; // no jitter

        // Tick every five minutes for two hours: the source offers the same reminder every time.
        var delivered = 0;
        for (var now = T0; now < T0.AddHours(2); now = now.AddMinutes(5))
        {
            clock.SetUtcNow(now);
            delivered += (await scheduler.RunOnceAsync(now)).Drained.Sent;
        }
        Assert.Equal(1, delivered);
        Assert.Single(connector.Accepted);
        Assert.Contains("学法提醒", connector.Accepted[0]);
        Assert.True(connector.Calls >= 6, $"the outage should have been retried through: {connector.Calls} calls");
        var message = store.Get("outage/1")!;
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(connector.Calls, message.Attempts);
    }

    /// <summary>Answers the scripted failures in order, then 200 with an id; records the bodies it accepted.</summary>
    private sealed class ScriptedConnector(params Func<HttpRequestMessage, HttpResponseMessage>[] failures) : HttpMessageHandler
    {
        private int _calls;
        public int Calls => _calls;
        public List<string> Accepted { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var n = Interlocked.Increment(ref _calls);
            if (n <= failures.Length) return failures[n - 1](request);
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
            lock (Accepted) Accepted.Add(body);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"{{\"id\":\"a{n}\"}}", Encoding.UTF8, "application/json") };
        }
    }
}
