using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.DirectLine;

/// <summary>Talks to the bot's Direct Line endpoints the way botframework-directlinejs does, for protocol tests.</summary>
internal sealed class DirectLineClient(BotHost host)
{
    public const string Base = "/v3/directline";
    private readonly HttpClient _http = host.CreateClient();

    public string ConversationId { get; private set; } = "";
    public string Token { get; private set; } = "";
    public string StreamUrl { get; private set; } = "";
    public string? Watermark { get; private set; }

    /// <summary>tokens/generate for <paramref name="userId"/>, then POST /conversations with the token, as the Web Chat page does.</summary>
    public async Task<HttpResponseMessage> StartAsync(string userId = "web-user-1", string locale = "zh-CN")
    {
        var generated = await _http.PostAsync($"{Base}/tokens/generate", Json(new { user = new { id = userId }, locale }));
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var token = await ReadJsonAsync(generated);
        ConversationId = token.GetProperty("conversationId").GetString()!;
        Token = token.GetProperty("token").GetString()!;
        Assert.True(token.GetProperty("expires_in").GetInt32() > 0);

        var started = await SendAsync(HttpMethod.Post, $"{Base}/conversations", Json(new { user = new { id = userId }, locale }));
        if (started.IsSuccessStatusCode)
        {
            var body = await ReadJsonAsync(started);
            Assert.Equal(ConversationId, body.GetProperty("conversationId").GetString());
            StreamUrl = body.GetProperty("streamUrl").GetString()!;
        }
        return started;
    }

    public Task<HttpResponseMessage> PostActivityAsync(object activity, string? token = null, string? conversationId = null) =>
        SendAsync(HttpMethod.Post, $"{Base}/conversations/{conversationId ?? ConversationId}/activities", Json(activity), token);

    /// <summary>A message as Web Chat posts it: user role, locale and a clientActivityID to match the echo.</summary>
    public async Task<string> SayAsync(string text, string userId = "web-user-1", string locale = "zh-CN")
    {
        var response = await PostActivityAsync(new
        {
            type = "message", text, locale, textFormat = "plain",
            from = new { id = userId, role = "user" },
            channelData = new { clientActivityID = "client-" + Guid.NewGuid().ToString("N") },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    public Task<HttpResponseMessage> GetActivitiesResponseAsync(string? watermark, string? token = null) =>
        SendAsync(HttpMethod.Get, $"{Base}/conversations/{ConversationId}/activities" + (watermark is null ? "" : $"?watermark={watermark}"), null, token);

    /// <summary>GET activities after the client's watermark and move the watermark, as polling directlinejs does.</summary>
    public async Task<List<Activity>> PollAsync()
    {
        var response = await GetActivitiesResponseAsync(Watermark);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = await ReadJsonAsync(response);
        if (set.TryGetProperty("watermark", out var w))
        {
            Assert.Equal(JsonValueKind.String, w.ValueKind);
            Watermark = w.GetString();
        }
        var activities = set.GetProperty("activities").Deserialize<List<Activity>>(BotJson.Options)!;
        BotHost.AssertCardsValid(activities);
        return activities;
    }

    public async Task<WebSocket> ConnectStreamAsync(string? streamUrl = null)
    {
        var client = host.Server.CreateWebSocketClient();
        return await client.ConnectAsync(new Uri(streamUrl ?? StreamUrl), CancellationToken.None);
    }

    /// <summary>The next text frame of a stream (may be an empty keep-alive frame).</summary>
    public static async Task<string> ReceiveFrameAsync(WebSocket socket, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The stream closed: " + result.CloseStatusDescription);
            message.Write(buffer, 0, result.Count);
        } while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    /// <summary>Activities from stream frames until <paramref name="until"/> holds, skipping keep-alives.</summary>
    public static async Task<List<Activity>> ReceiveActivitiesAsync(WebSocket socket, Func<List<Activity>, bool> until)
    {
        var all = new List<Activity>();
        while (!until(all))
        {
            var frame = await ReceiveFrameAsync(socket);
            if (frame.Length == 0) continue;
            using var doc = JsonDocument.Parse(frame);
            Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("watermark").ValueKind);
            all.AddRange(doc.RootElement.GetProperty("activities").Deserialize<List<Activity>>(BotJson.Options)!);
        }
        BotHost.AssertCardsValid(all);
        return all;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content, string? token = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var bearer = token ?? Token;
        if (bearer.Length > 0) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _http.SendAsync(request);
    }

    public HttpClient Http => _http;

    public static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
