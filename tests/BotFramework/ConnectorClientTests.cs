using System.Net;
using System.Net.Http.Headers;
using Stopwatch = System.Diagnostics.Stopwatch;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.BotFramework;

/// <summary>A Bot Connector on the wire: answers each request from a script and records what arrived.</summary>
internal sealed class ScriptedConnector : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
    private readonly List<(HttpRequestMessage Request, string? Authorization, string Body, DateTime At)> _received = new();

    public ScriptedConnector Then(Func<HttpRequestMessage, HttpResponseMessage> answer) { lock (_script) _script.Enqueue(answer); return this; }
    public ScriptedConnector Then(HttpStatusCode status, Action<HttpResponseMessage>? configure = null) =>
        Then(_ => { var r = new HttpResponseMessage(status); configure?.Invoke(r); return r; });

    public IReadOnlyList<(HttpRequestMessage Request, string? Authorization, string Body, DateTime At)> Received { get { lock (_received) return _received.ToList(); } }
    public int Delivered;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(ct);
        lock (_received) _received.Add((request, request.Headers.Authorization?.ToString(), body, DateTime.UtcNow));
        Func<HttpRequestMessage, HttpResponseMessage>? next;
        lock (_script) _script.TryDequeue(out next);
        var response = next?.Invoke(request) ?? Ok();
        if (response.IsSuccessStatusCode) Interlocked.Increment(ref Delivered);
        return response;
    }

    public static HttpResponseMessage Ok(string id = "sent-1") =>
        new(HttpStatusCode.OK) { Content = new StringContent($"{{\"id\":\"{id}\"}}", System.Text.Encoding.UTF8, "application/json") };
}

internal sealed class FixedCredentials(string? token) : IAppCredentials
{
    public Task<string?> GetTokenAsync(CancellationToken ct) => Task.FromResult(token);
}

public class ConnectorClientTests
{
    /// <summary>The channel's real registrations, with the wire replaced by <paramref name="wire"/>.</summary>
    private static ServiceProvider Outbound(ScriptedConnector wire, TimeProvider? clock = null, IAppCredentials? credentials = null,
        Dictionary<string, string?>? settings = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BotFramework:ConnectorRetryBaseDelay"] = "00:00:00.010",
        }.Concat(settings ?? [])).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(config as IConfiguration);
        services.Configure<BotFrameworkOptions>(config.GetSection(BotFrameworkOptions.Section));
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddBotFrameworkChannel(config);
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => wire));
        if (credentials is not null)
        {
            services.RemoveAll<IAppCredentials>();
            services.AddSingleton(credentials);
        }
        return services.BuildServiceProvider();
    }

    private static Activity Reply(string text = "hi", string conversation = "conv-1", string serviceUrl = "https://smba.trafficmanager.net/amer/")
    {
        var a = Activities.Message(text, conversation: conversation);
        a.ServiceUrl = serviceUrl;
        return a;
    }

    [Fact]
    public async Task Sends_to_the_connector_path_with_the_bearer_token()
    {
        var wire = new ScriptedConnector();
        using var sp = Outbound(wire, credentials: new FixedCredentials("token-abc"));
        var a = Reply(conversation: "19:abc@thread.v2;messageid=1");
        a.ReplyToId = "act 9";
        var result = await sp.GetRequiredService<IConnectorClient>().SendAsync(a, default);

        Assert.Equal("sent-1", result.Id);
        var (request, authorization, body, _) = Assert.Single(wire.Received);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://smba.trafficmanager.net/amer/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D1/activities/act%209", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer token-abc", authorization);
        Assert.Contains("\"text\":\"hi\"", body);
    }

    [Fact]
    public async Task Retries_a_429_after_its_Retry_After_and_delivers_once()
    {
        var wire = new ScriptedConnector()
            .Then(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1)))
            .Then(_ => ScriptedConnector.Ok("after-429"));
        using var sp = Outbound(wire, credentials: new FixedCredentials("t"));
        var watch = Stopwatch.StartNew();
        var result = await sp.GetRequiredService<IConnectorClient>().SendAsync(Reply(), default);

        Assert.Equal("after-429", result.Id);
        Assert.Equal(2, wire.Received.Count);
        Assert.Equal(1, wire.Delivered);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {watch.Elapsed}");
        Assert.True(wire.Received[1].At - wire.Received[0].At >= TimeSpan.FromMilliseconds(950));
        Assert.All(wire.Received, r => Assert.Equal("Bearer t", r.Authorization)); // every attempt carries the token
    }

    [Fact]
    public async Task Retries_two_500s_then_succeeds()
    {
        var wire = new ScriptedConnector().Then(HttpStatusCode.InternalServerError).Then(HttpStatusCode.BadGateway).Then(_ => ScriptedConnector.Ok("third"));
        using var sp = Outbound(wire);
        var result = await sp.GetRequiredService<IConnectorClient>().SendAsync(Reply(), default);
        Assert.Equal("third", result.Id);
        Assert.Equal(3, wire.Received.Count);
        Assert.Equal(1, wire.Delivered);
    }

    [Fact]
    public async Task Retries_a_network_error()
    {
        var wire = new ScriptedConnector().Then(_ => throw new HttpRequestException("connection reset")).Then(_ => ScriptedConnector.Ok("ok"));
        using var sp = Outbound(wire);
        Assert.Equal("ok", (await sp.GetRequiredService<IConnectorClient>().SendAsync(Reply(), default)).Id);
        Assert.Equal(2, wire.Received.Count);
    }

    [Fact]
    public async Task Gives_up_after_four_retries()
    {
        var wire = new ScriptedConnector();
        for (var i = 0; i < 10; i++) wire.Then(HttpStatusCode.ServiceUnavailable);
        using var sp = Outbound(wire);
        await Assert.ThrowsAsync<HttpRequestException>(() => sp.GetRequiredService<IConnectorClient>().SendAsync(Reply(), default));
        Assert.Equal(5, wire.Received.Count);
        Assert.Equal(0, wire.Delivered);
    }

    [Fact]
    public async Task Does_not_retry_a_400()
    {
        var wire = new ScriptedConnector().Then(HttpStatusCode.BadRequest);
        using var sp = Outbound(wire);
        await Assert.ThrowsAsync<HttpRequestException>(() => sp.GetRequiredService<IConnectorClient>().SendAsync(Reply(), default));
        Assert.Single(wire.Received);
    }

    [Fact]
    public void Retry_delay_honours_Retry_After_delta_and_date_and_backs_off_with_jitter()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        var options = new BotFrameworkOptions();
        var delta = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        delta.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        Assert.Equal(TimeSpan.FromSeconds(7), ConnectorRetryPolicy.DelayFor(1, delta, options, clock, 0.3));

        var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(12));
        Assert.Equal(TimeSpan.FromSeconds(12), ConnectorRetryPolicy.DelayFor(1, date, options, clock, 0.3));

        var huge = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        huge.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(2));
        Assert.Equal(options.ConnectorMaxRetryDelay, ConnectorRetryPolicy.DelayFor(1, huge, options, clock, 0.3));

        // No header: 1 s, 2 s, 4 s … times a jitter factor in [0.5, 1.5).
        var plain = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        Assert.Equal(TimeSpan.FromSeconds(0.5), ConnectorRetryPolicy.DelayFor(1, plain, options, clock, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(4 * 1.49), ConnectorRetryPolicy.DelayFor(3, plain, options, clock, 0.99));
        Assert.Equal(TimeSpan.FromSeconds(8), ConnectorRetryPolicy.DelayFor(4, null, options, clock, 0.5));
    }

    [Fact]
    public async Task Throttle_delays_the_8th_message_in_a_second_and_queues_rather_than_drops()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        var wire = new ScriptedConnector();
        using var sp = Outbound(wire, clock);
        var client = sp.GetRequiredService<IConnectorClient>();

        for (var i = 0; i < 7; i++) await client.SendAsync(Reply($"m{i}"), default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(7, wire.Received.Count);

        var eighth = client.SendAsync(Reply("m7"), default);
        var ninth = client.SendAsync(Reply("m8"), default);
        var otherConversation = client.SendAsync(Reply("other", conversation: "conv-2"), default);
        await otherConversation.WaitAsync(TimeSpan.FromSeconds(10)); // limits are per conversation
        await Task.Delay(50);
        Assert.False(eighth.IsCompleted);
        Assert.Equal(8, wire.Received.Count);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(eighth.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        await eighth.WaitAsync(TimeSpan.FromSeconds(10));
        // 8 sends in 2 s is the next limit: the 9th waits until 2 s after the first burst.
        await Task.Delay(50);
        Assert.False(ninth.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await ninth.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, wire.Delivered);
        Assert.Equal(["m0", "m1", "m2", "m3", "m4", "m5", "m6", "other", "m7", "m8"],
            wire.Received.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Throttle_keeps_60_per_30_seconds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero));
        var throttle = new ConversationSendThrottle(clock);
        var sent = new List<DateTimeOffset>();
        var all = Task.Run(async () =>
        {
            for (var i = 0; i < 61; i++) { await throttle.WaitTurnAsync("c", default); lock (sent) sent.Add(clock.GetUtcNow()); }
        });
        while (!all.IsCompleted)
        {
            await Task.Delay(5);
            clock.Advance(TimeSpan.FromMilliseconds(250));
        }
        await all;
        var start = sent[0];
        Assert.Equal(60, sent.Count(t => t - start < TimeSpan.FromSeconds(30)));
        Assert.True(sent[60] - start >= TimeSpan.FromSeconds(30));
        for (var i = 7; i < sent.Count; i++) Assert.True(sent[i] - sent[i - 7] >= TimeSpan.FromSeconds(1));
        for (var i = 8; i < sent.Count; i++) Assert.True(sent[i] - sent[i - 8] >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Token_is_never_sent_to_a_host_outside_the_allow_list()
    {
        var wire = new ScriptedConnector();
        using var sp = Outbound(wire, credentials: new FixedCredentials("secret-token"));
        var client = sp.GetRequiredService<IConnectorClient>();

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => client.SendAsync(Reply(serviceUrl: "https://evil.example.com/"), default));
        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => client.SendAsync(Reply(serviceUrl: "https://botframework.com.evil.example/"), default));
        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => client.SendAsync(Reply(serviceUrl: "http://smba.trafficmanager.net/amer/"), default));
        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => client.UpdateAsync(Reply(serviceUrl: "https://evil.example.com/"), default));
        Assert.Empty(wire.Received);

        await client.SendAsync(Reply(serviceUrl: "https://smba.trafficmanager.net/amer/"), default);
        await client.SendAsync(Reply(serviceUrl: "http://localhost:5000/"), default);
        await client.SendAsync(Reply(serviceUrl: "https://europe.webchat.botframework.com/"), default);
        Assert.Equal(3, wire.Received.Count);
        Assert.All(wire.Received, r => Assert.Equal("Bearer secret-token", r.Authorization));
    }

    [Fact]
    public async Task Allow_list_is_configurable()
    {
        var wire = new ScriptedConnector();
        using var sp = Outbound(wire, credentials: new FixedCredentials("t"), settings: new() { ["BotFramework:AllowedServiceUrlHosts:0"] = "connector.contoso.cn" });
        var client = sp.GetRequiredService<IConnectorClient>();
        await client.SendAsync(Reply(serviceUrl: "https://api.connector.contoso.cn/"), default);
        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => client.SendAsync(Reply(serviceUrl: "https://smba.trafficmanager.net/amer/"), default));
        Assert.Single(wire.Received);
    }

    [Fact]
    public async Task No_app_id_means_no_authorization_header()
    {
        var wire = new ScriptedConnector();
        using var sp = Outbound(wire, settings: new() { ["BotFramework:MicrosoftAppId"] = "" });
        Assert.Null(await sp.GetRequiredService<IAppCredentials>().GetTokenAsync(default));
        await sp.GetRequiredService<IConnectorClient>().SendAsync(Reply(serviceUrl: "http://127.0.0.1:3979/"), default);
        Assert.Null(Assert.Single(wire.Received).Authorization);
    }

    [Fact]
    public void Token_authority_depends_on_the_app_type()
    {
        Assert.Equal("https://login.microsoftonline.com/botframework.com", AppCredentials.AuthorityFor(new BotFrameworkOptions { MicrosoftAppType = "MultiTenant" }));
        Assert.Equal("https://login.microsoftonline.com/contoso-tenant",
            AppCredentials.AuthorityFor(new BotFrameworkOptions { MicrosoftAppType = "SingleTenant", MicrosoftAppTenantId = "contoso-tenant" }));
        Assert.Throws<InvalidOperationException>(() => AppCredentials.AuthorityFor(new BotFrameworkOptions { MicrosoftAppType = "SingleTenant" }));
        Assert.Equal("https://api.botframework.com/.default", new BotFrameworkOptions().OAuthScope);
    }

    [Fact]
    public async Task App_id_without_a_password_is_a_clear_configuration_error()
    {
        var credentials = new AppCredentials(Options.Create(new BotFrameworkOptions { MicrosoftAppId = "app" }));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => credentials.GetTokenAsync(default));
        Assert.Contains("MicrosoftAppPassword", ex.Message);
    }

    [Fact]
    public async Task Update_uses_put_on_the_activity_path()
    {
        var wire = new ScriptedConnector();
        using var sp = Outbound(wire);
        var a = Reply();
        a.Id = "bot-7";
        await sp.GetRequiredService<IConnectorClient>().UpdateAsync(a, default);
        var (request, _, _, _) = Assert.Single(wire.Received);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.EndsWith("/v3/conversations/conv-1/activities/bot-7", request.RequestUri!.AbsoluteUri);
    }
}
