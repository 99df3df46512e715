using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.BotFramework;

/// <summary>POST /api/messages with bad, odd and repeated input (authentication off).</summary>
public class MessagesEndpointTests
{
    private static HttpRequestMessage Raw(HttpContent content) => new(HttpMethod.Post, "/api/messages") { Content = content };

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Malformed_json_is_400_with_a_reason()
    {
        using var host = new BotHost();
        var response = await host.CreateClient().SendAsync(Raw(new StringContent("{\"type\":\"message\",", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid Activity JSON", (await ErrorOf(response)).GetProperty("error").GetString());
        Assert.Empty(host.Connector.Sent);
    }

    [Fact]
    public async Task Empty_body_and_json_null_are_400()
    {
        using var host = new BotHost();
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Raw(new StringContent("", Encoding.UTF8, "application/json")))).StatusCode);
        var nullBody = await client.SendAsync(Raw(new StringContent("null", Encoding.UTF8, "application/json")));
        Assert.Equal(HttpStatusCode.BadRequest, nullBody.StatusCode);
        Assert.Contains("no type", (await ErrorOf(nullBody)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Body_over_256_KB_is_413_with_content_length()
    {
        using var host = new BotHost();
        var content = new ByteArrayContent(BigActivityJson());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await host.CreateClient().SendAsync(Raw(content));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("256 KB", (await ErrorOf(response)).GetProperty("error").GetString());
        Assert.Empty(host.Connector.Sent);
    }

    [Fact]
    public async Task Body_over_256_KB_is_413_when_chunked()
    {
        var seen = new RequestLengths();
        using var host = new BotHost(configure: s => s.AddSingleton<IStartupFilter>(seen));
        // TestServer's own client: the factory's default client buffers bodies (for redirects), which adds a length.
        var response = await host.Server.CreateClient().SendAsync(Raw(new UnknownLengthContent(BigActivityJson())));
        Assert.Equal([null], seen.ContentLengths); // the server really got it without a Content-Length
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(host.Connector.Sent);
    }

    [Fact]
    public async Task Body_just_under_the_limit_is_accepted()
    {
        using var host = new BotHost();
        var a = Activities.Message("帮助");
        var json = JsonSerializer.Serialize(a, BotJson.Options);
        // Pad with whitespace up to 1 byte under 256 KB: still valid JSON.
        var padded = json[..^1] + new string(' ', 256 * 1024 - Encoding.UTF8.GetByteCount(json) - 1) + "}";
        var response = await host.CreateClient().SendAsync(Raw(new UnknownLengthContent(Encoding.UTF8.GetBytes(padded))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Connector.Sent);
    }

    [Fact]
    public async Task Unknown_activity_type_is_200_and_no_reply()
    {
        using var host = new BotHost();
        var a = Activities.Message("帮助");
        a.Type = "somethingNew";
        var response = await host.PostAsync(a);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Connector.Sent);
    }

    [Fact]
    public async Task Missing_conversation_is_400()
    {
        using var host = new BotHost();
        var a = Activities.Message("帮助");
        a.Conversation = null;
        var response = await host.PostAsync(a);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("conversation", (await ErrorOf(response)).GetProperty("error").GetString());
        Assert.Empty(host.Connector.Sent);
    }

    [Fact]
    public async Task Expect_replies_returns_the_help_card_in_the_body()
    {
        using var host = new BotHost();
        var a = Activities.Message("help", locale: "en-US");
        a.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await host.PostAsync(a);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonSerializer.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync(), BotJson.Options)!;
        var reply = Assert.Single(replies.Activities!);
        Assert.NotNull(reply.Card());
        Assert.Contains("Help", reply.AllText());
        BotHost.AssertCardsValid(replies.Activities!);
        Assert.Empty(host.Connector.Sent); // nothing went through the Connector
    }

    [Fact]
    public async Task Ten_concurrent_redeliveries_of_one_activity_are_processed_once()
    {
        using var host = new BotHost();
        var a = Activities.Message("帮助");
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.PostAsync(a)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(host.Connector.Sent);
        Assert.Equal(a.Conversation!.Id, host.Connector.Sent[0].Conversation!.Id);

        // A later redelivery is dropped too; a new id is answered.
        await host.PostAsync(a);
        Assert.Single(host.Connector.Sent);
        Assert.Single(await host.SendAsync(Activities.Message("帮助")));
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("not a url")]
    public async Task ServiceUrl_outside_the_allow_list_is_400_and_no_turn_runs(string serviceUrl)
    {
        using var host = new BotHost();
        var a = Activities.Message("帮助");
        a.ServiceUrl = serviceUrl;
        var response = await host.PostAsync(a);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceUrl", (await ErrorOf(response)).GetProperty("error").GetString());
        Assert.Empty(host.Connector.Sent);
        // Not remembered as processed: a corrected redelivery of the same id is answered.
        a.ServiceUrl = "https://smba.trafficmanager.net/amer/";
        Assert.Single(await host.SendAsync(a));
    }

    private static byte[] BigActivityJson()
    {
        var a = Activities.Message(new string('长', 100_000)); // 300 KB of UTF-8
        return JsonSerializer.SerializeToUtf8Bytes(a, BotJson.Options);
    }

    /// <summary>Records the Content-Length the server saw on each request.</summary>
    private sealed class RequestLengths : IStartupFilter
    {
        public readonly List<long?> ContentLengths = new();
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, nextMiddleware) => { lock (ContentLengths) ContentLengths.Add(ctx.Request.ContentLength); return nextMiddleware(ctx); });
            next(app);
        };
    }

    /// <summary>Content whose length is not known up front, so it is sent chunked.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;
        public UnknownLengthContent(byte[] bytes) { _bytes = bytes; Headers.ContentType = new MediaTypeHeaderValue("application/json"); }
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var i = 0; i < _bytes.Length; i += 8192)
                await stream.WriteAsync(_bytes.AsMemory(i, Math.Min(8192, _bytes.Length - i)));
        }
        protected override bool TryComputeLength(out long length) { length = -1; return false; }
    }
}
