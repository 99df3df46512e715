using System.Net;
using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.DirectLine;

public class DirectLineProtocolTests
{
    private static BotHost NewHost(Dictionary<string, string?>? settings = null) => new(settings: settings);

    [Fact]
    public async Task Starting_a_conversation_returns_201_with_a_stream_url_and_the_bot_greets_with_the_welcome_card()
    {
        using var host = NewHost();
        var dl = new DirectLineClient(host);

        var started = await dl.StartAsync();

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.StartsWith($"ws://localhost/v3/directline/conversations/{dl.ConversationId}/stream?t=", dl.StreamUrl);
        var welcome = Assert.Single(await dl.PollAsync());
        Assert.Equal($"{dl.ConversationId}|0000000", welcome.Id);
        Assert.Equal("0", dl.Watermark);
        Assert.Equal("bot", welcome.From?.Role);
        Assert.Equal("web-user-1", welcome.Recipient?.Id);
        Assert.Equal(dl.ConversationId, welcome.Conversation?.Id);
        Assert.Contains("查看逾期任务", welcome.AllText());

        // Starting again with the same token (a reconnecting page) does not greet twice: 200, same conversation.
        var again = await dl.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(dl.ConversationId, (await DirectLineClient.ReadJsonAsync(again)).GetProperty("conversationId").GetString());
        Assert.Empty(await dl.PollAsync());
    }

    [Fact]
    public async Task Greeting_follows_the_locale_the_page_asked_for()
    {
        using var host = NewHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync(locale: "en-US");
        var welcome = Assert.Single(await dl.PollAsync());
        Assert.Contains("Overdue tasks", welcome.AllText());
        Assert.DoesNotContain("查看逾期任务", welcome.AllText());
    }

    [Fact]
    public async Task Posting_help_returns_the_activity_id_and_the_log_holds_the_echo_then_the_help_card()
    {
        using var host = NewHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        await dl.PollAsync();

        var id = await dl.SayAsync("help");

        Assert.Equal($"{dl.ConversationId}|0000001", id);
        var activities = await dl.PollAsync();
        Assert.Equal(2, activities.Count);
        var echo = activities[0];
        Assert.Equal(id, echo.Id);
        Assert.Equal("help", echo.Text);
        Assert.Equal("web-user-1", echo.From?.Id);
        Assert.Equal("user", echo.From?.Role);
        Assert.Equal("webchat", echo.ChannelId);
        Assert.NotNull(echo.Timestamp);
        Assert.StartsWith("client-", echo.ChannelData!.Value.GetProperty("clientActivityID").GetString());
        var reply = activities[1];
        Assert.Equal($"{dl.ConversationId}|0000002", reply.Id);
        Assert.Equal(id, reply.ReplyToId);
        Assert.NotNull(reply.Card());
        Assert.Contains("使用帮助", reply.AllText());
        Assert.Equal("2", dl.Watermark);

        // Nothing new after the watermark; the watermark stays.
        Assert.Empty(await dl.PollAsync());
        Assert.Equal("2", dl.Watermark);
    }

    [Fact]
    public async Task The_user_is_the_one_bound_at_token_time_whatever_from_id_the_client_sends()
    {
        using var host = NewHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync(userId: "web-real");
        await dl.PollAsync();
        await dl.SayAsync("帮助", userId: "someone-else");
        var echo = (await dl.PollAsync())[0];
        Assert.Equal("web-real", echo.From?.Id);
    }

    [Fact]
    public async Task The_stream_pushes_the_backlog_then_the_echo_and_reply_then_keep_alive_frames()
    {
        using var host = NewHost(new() { ["DirectLine:KeepAliveSeconds"] = "1" });
        var dl = new DirectLineClient(host);
        await dl.StartAsync();

        using var socket = await dl.ConnectStreamAsync();
        var backlog = await DirectLineClient.ReceiveActivitiesAsync(socket, all => all.Count >= 1);
        Assert.Contains("查看逾期任务", backlog[0].AllText());

        var id = await dl.SayAsync("help");
        var pushed = await DirectLineClient.ReceiveActivitiesAsync(socket, all => all.Count >= 2);
        Assert.Equal(id, pushed[0].Id);
        Assert.Equal("help", pushed[0].Text);
        Assert.Contains("使用帮助", pushed[1].AllText());

        // The client's empty pings are ignored; the server sends empty keep-alive frames while idle.
        await socket.SendAsync(Array.Empty<byte>(), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
        Assert.Equal("", await DirectLineClient.ReceiveFrameAsync(socket, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Reconnecting_with_a_watermark_gives_a_stream_that_resumes_after_it()
    {
        using var host = NewHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        await dl.PollAsync();
        await dl.SayAsync("help");

        var reconnect = await dl.SendAsync(HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{dl.ConversationId}?watermark=0", null);
        Assert.Equal(HttpStatusCode.OK, reconnect.StatusCode);
        var streamUrl = (await DirectLineClient.ReadJsonAsync(reconnect)).GetProperty("streamUrl").GetString()!;
        Assert.EndsWith("&watermark=0", streamUrl);

        using var socket = await dl.ConnectStreamAsync(streamUrl);
        var resumed = await DirectLineClient.ReceiveActivitiesAsync(socket, all => all.Count >= 2);
        Assert.Equal($"{dl.ConversationId}|0000001", resumed[0].Id);
    }

    [Fact]
    public async Task Missing_wrong_foreign_and_expired_tokens_are_rejected()
    {
        using var host = NewHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        var other = new DirectLineClient(host);
        await other.StartAsync(userId: "web-user-2");

        using (var none = new HttpRequestMessage(HttpMethod.Get, $"{DirectLineClient.Base}/conversations/{dl.ConversationId}/activities"))
            Assert.Equal(HttpStatusCode.Unauthorized, (await dl.Http.SendAsync(none)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dl.GetActivitiesResponseAsync(null, token: "not-a-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dl.GetActivitiesResponseAsync(null, token: other.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dl.PostActivityAsync(new { type = "message", text = "帮助" }, token: other.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dl.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations", null, token: "forged")).StatusCode);

        var badStream = dl.StreamUrl.Replace("?t=", "?t=x");
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => dl.ConnectStreamAsync(badStream));

        // A refresh extends the token; without one it expires after its lifetime (1800 s).
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        var refreshed = await dl.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/tokens/refresh", null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await dl.GetActivitiesResponseAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetActivitiesResponseAsync(null)).StatusCode);
    }

    [Fact]
    public async Task Bad_requests_get_clear_4xx_answers_and_nothing_is_logged()
    {
        using var host = NewHost();
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        await dl.PollAsync();

        var malformed = await dl.PostActivityAsync("{not json");
        var raw = await dl.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations/{dl.ConversationId}/activities",
            new StringContent("{\"type\": \"message\", \"text\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, raw.StatusCode);
        Assert.Contains("not a valid Activity JSON", await raw.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode); // a JSON string, not an activity object

        Assert.Equal(HttpStatusCode.BadRequest, (await dl.PostActivityAsync(new { text = "no type" })).StatusCode);
        var huge = await dl.PostActivityAsync(new { type = "message", text = new string('法', 100_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        var empty = await dl.SendAsync(HttpMethod.Post, $"{DirectLineClient.Base}/conversations/{dl.ConversationId}/activities", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await dl.PostActivityAsync(new { type = "message", text = "帮助" }, conversationId: "no-such-conversation")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dl.GetActivitiesResponseAsync("abc")).StatusCode);
        var badStart = await dl.Http.PostAsync($"{DirectLineClient.Base}/tokens/generate", new StringContent("{oops", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badStart.StatusCode);

        Assert.Empty(await dl.PollAsync());
    }

    [Fact]
    public async Task Old_conversations_are_evicted_beyond_the_limit()
    {
        using var host = NewHost(new() { ["DirectLine:MaxConversations"] = "2" });
        var first = new DirectLineClient(host);
        await first.StartAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = new DirectLineClient(host);
        await second.StartAsync();
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = new DirectLineClient(host);
        await third.StartAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await first.GetActivitiesResponseAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetActivitiesResponseAsync(null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.GetActivitiesResponseAsync(null)).StatusCode);
    }

    [Fact]
    public async Task Reminders_reach_the_latest_web_chat_conversation_and_fail_clearly_once_it_is_gone()
    {
        using var host = NewHost(new() { ["DirectLine:MaxConversations"] = "1" });
        var dl = new DirectLineClient(host);
        await dl.StartAsync();
        await dl.PollAsync();

        var reference = host.Service<ConversationReferenceStore>().Get("local:office");
        Assert.NotNull(reference);
        Assert.Equal(dl.ConversationId, reference.ConversationId);
        var messenger = host.Service<ProactiveMessenger>();
        var sent = await messenger.SendAsync(reference, new Activity { Type = ActivityTypes.Message, Text = "提醒:明天学法" }, CancellationToken.None);

        var delivered = Assert.Single(await dl.PollAsync());
        Assert.Equal(sent.Id, delivered.Id);
        Assert.Equal("提醒:明天学法", delivered.Text);
        Assert.Equal("bot", delivered.From?.Role);

        // A newer page replaces the conversation (limit 1): the old reference can no longer be delivered.
        var newer = new DirectLineClient(host);
        await newer.StartAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            messenger.SendAsync(reference, new Activity { Type = ActivityTypes.Message, Text = "x" }, CancellationToken.None));
        Assert.Contains("no longer open", error.Message);
        Assert.Equal(newer.ConversationId, host.Service<ConversationReferenceStore>().Get("local:office")!.ConversationId);
    }

    [Fact]
    public async Task The_page_and_its_scripts_are_served()
    {
        using var host = NewHost();
        var http = host.CreateClient();

        var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<title>依法行政助手</title>", html);
        Assert.Contains("/lib/webchat.js", html);
        Assert.Contains("createDirectLine", html);

        var bundle = await http.GetAsync("/lib/webchat.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/lib/adaptivecards.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/lib/other.js")).StatusCode);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.Forbidden)]
    [InlineData(true, HttpStatusCode.OK)]
    public async Task Clients_from_other_computers_are_refused_unless_allowed(bool allowRemote, HttpStatusCode expected)
    {
        using var host = new BotHost(settings: new() { ["DirectLine:AllowRemoteClients"] = allowRemote.ToString() },
            configure: services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, RemoteClientFilter>());
        var http = host.CreateClient();
        http.DefaultRequestHeaders.Add(RemoteClientFilter.Header, "192.168.1.20");

        Assert.Equal(expected, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(expected, (await http.PostAsync($"{DirectLineClient.Base}/tokens/generate", DirectLineClient.Json(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
    }

    /// <summary>Lets a test pretend a request came from another computer (TestServer has no remote address).</summary>
    private sealed class RemoteClientFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public const string Header = "X-Test-Remote-Ip";

        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(Header, out var ip)) http.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                await nextMiddleware();
            });
            next(app);
        };
    }

    [Fact]
    public void The_proactive_sender_leaves_azure_channel_references_to_the_connector()
    {
        using var host = NewHost();
        var sender = host.Service<IEnumerable<IProactiveSender>>().OfType<ChatBot.Bot.Channels.DirectLine.DirectLineProactiveSender>().Single();
        Assert.True(sender.CanSend(new StoredConversationReference { Id = "local:office", ChannelId = "webchat", ServiceUrl = "" }));
        Assert.False(sender.CanSend(new StoredConversationReference { Id = "local:office", ChannelId = "webchat", ServiceUrl = "https://webchat.botframework.com/" }));
        Assert.False(sender.CanSend(new StoredConversationReference { Id = "x", ChannelId = "msteams", ServiceUrl = "" }));
    }
}
