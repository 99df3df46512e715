using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.WeCom.LongConnection;

/// <summary>
/// WeCom's end of the smart robot's long connection, on loopback (Kestrel): accepts WebSockets, answers
/// <c>aibot_subscribe</c> (errcode 0 for the right bot_id and secret, an error otherwise), acks pings, replies and
/// pushes with <c>{headers:{req_id}, errcode, errmsg}</c>, and lets a test send callbacks, drop a connection or send
/// <c>disconnected_event</c>. Checked first against Tencent's own @wecom/aibot-node-sdk.
/// </summary>
internal sealed class FakeLongConnectionServer : IAsyncDisposable
{
    public const int InvalidSecretErrCode = 600041; // any non-zero errcode is a refusal to the official client

    private readonly WebApplication _app;
    private readonly List<Session> _sessions = [];
    private readonly ConcurrentQueue<(int Session, JsonObject Frame)> _received = new();

    public FakeLongConnectionServer(string botId, string secret)
    {
        BotId = botId;
        Secret = secret;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Run(async http =>
        {
            if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = 400; return; }
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            Session session;
            lock (_sessions) { session = new Session(_sessions.Count, socket); _sessions.Add(session); }
            await RunAsync(session);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = "ws://" + new Uri(address).Authority;
    }

    public string BotId { get; }
    public string Secret { get; set; }
    public string Url { get; }

    /// <summary>When it matches a frame the client sent, the connection is dropped instead of acking it (once).</summary>
    public Func<JsonObject, bool>? DropOn { get; set; }

    /// <summary>
    /// As WeCom does: a new subscribe of the bot kicks its older connections (disconnected_event, then a close), so
    /// two clients of one bot would take turns kicking each other. Off unless a test turns it on.
    /// </summary>
    public bool KickOlderSessions { get; set; }

    public int SessionCount { get { lock (_sessions) return _sessions.Count; } }

    /// <summary>Connections subscribed and still open.</summary>
    public int LiveSessions { get { lock (_sessions) return _sessions.Count(s => s.Subscribed && s.Socket.State == WebSocketState.Open); } }

    public int SubscribedSessions { get { lock (_sessions) return _sessions.Count(s => s.Subscribed); } }

    public IReadOnlyList<Session> Sessions { get { lock (_sessions) return _sessions.ToList(); } }

    /// <summary>Frames the clients sent, oldest first.</summary>
    public IReadOnlyList<JsonObject> Received => _received.Select(r => r.Frame).ToList();

    public IReadOnlyList<JsonObject> ReceivedWith(string cmd) => Received.Where(f => (string?)f["cmd"] == cmd).ToList();

    /// <summary>Sends a frame on the newest subscribed connection.</summary>
    public Task SendAsync(JsonObject frame)
    {
        var session = Sessions.LastOrDefault(s => s.Subscribed && s.Socket.State == WebSocketState.Open)
            ?? throw new InvalidOperationException("no subscribed connection");
        return session.SendAsync(frame);
    }

    /// <summary>Sends a callback frame (<c>aibot_msg_callback</c> or <c>aibot_event_callback</c>) and returns its req_id.</summary>
    public async Task<string> SendCallbackAsync(JsonObject body)
    {
        var isEvent = (string?)body["msgtype"] == "event";
        var cmd = isEvent ? "aibot_event_callback" : "aibot_msg_callback";
        var reqId = $"{cmd}_{Guid.NewGuid():N}";
        await SendAsync(new JsonObject { ["cmd"] = cmd, ["headers"] = new JsonObject { ["req_id"] = reqId }, ["body"] = body.DeepClone() });
        return reqId;
    }

    /// <summary>What WeCom does when a newer connection of the same bot arrives: a disconnected_event, then a close.</summary>
    public async Task SupersedeAsync()
    {
        await SendCallbackAsync(new JsonObject
        {
            ["msgid"] = Guid.NewGuid().ToString("N"),
            ["create_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["aibotid"] = BotId,
            ["from"] = new JsonObject { ["userid"] = "" },
            ["msgtype"] = "event",
            ["event"] = new JsonObject { ["eventtype"] = "disconnected_event" },
        });
        var session = Sessions.Last();
        await Task.Delay(200);
        session.Socket.Abort();
    }

    private async Task KickAsync(Session session)
    {
        try
        {
            await session.SendAsync(new JsonObject
            {
                ["cmd"] = "aibot_event_callback",
                ["headers"] = new JsonObject { ["req_id"] = "aibot_event_callback_" + Guid.NewGuid().ToString("N") },
                ["body"] = new JsonObject
                {
                    ["msgid"] = Guid.NewGuid().ToString("N"),
                    ["aibotid"] = BotId,
                    ["from"] = new JsonObject { ["userid"] = "" },
                    ["msgtype"] = "event",
                    ["event"] = new JsonObject { ["eventtype"] = "disconnected_event" },
                },
            });
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException) { }
        session.Socket.Abort();
    }

    public void DropAll()
    {
        foreach (var s in Sessions) s.Socket.Abort();
    }

    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (Received.FirstOrDefault(match) is { } frame) return frame;
            await Task.Delay(20);
        }
        throw new TimeoutException($"the fake WeCom server did not receive {what}; got: {string.Join(" | ", Received.Select(f => f.ToJsonString()))}");
    }

    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(20);
        }
    }

    private async Task RunAsync(Session session)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (session.Socket.State == WebSocketState.Open)
            {
                var result = await session.Socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    session.CloseStatus = result.CloseStatus;
                    await session.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var frame = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))!.AsObject();
                message.SetLength(0);
                _received.Enqueue((session.Index, frame));
                await AnswerAsync(session, frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private async Task AnswerAsync(Session session, JsonObject frame)
    {
        var cmd = (string?)frame["cmd"];
        var reqId = (string?)frame["headers"]?["req_id"] ?? "";
        if (cmd == "aibot_subscribe")
        {
            var ok = (string?)frame["body"]?["bot_id"] == BotId && (string?)frame["body"]?["secret"] == Secret;
            session.Subscribed = ok;
            await session.SendAsync(Ack(reqId, ok ? 0 : InvalidSecretErrCode, ok ? "ok" : "invalid bot_id or secret"));
            if (ok && KickOlderSessions)
                foreach (var older in Sessions.Where(o => o.Index < session.Index && o.Subscribed && o.Socket.State == WebSocketState.Open))
                    await KickAsync(older);
            return;
        }
        if (!session.Subscribed) { session.Socket.Abort(); return; }
        if (DropOn is { } drop && drop(frame))
        {
            DropOn = null;
            session.Dropped.Add(frame);
            session.Socket.Abort();
            return;
        }
        await session.SendAsync(Ack(reqId, 0, "ok"));
    }

    private static JsonObject Ack(string reqId, int errcode, string errmsg) =>
        new() { ["headers"] = new JsonObject { ["req_id"] = reqId }, ["errcode"] = errcode, ["errmsg"] = errmsg };

    public async ValueTask DisposeAsync()
    {
        DropAll();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal sealed class Session(int index, WebSocket socket)
    {
        private readonly SemaphoreSlim _write = new(1, 1);
        public int Index { get; } = index;
        public WebSocket Socket { get; } = socket;
        public volatile bool Subscribed;
        public WebSocketCloseStatus? CloseStatus { get; set; }
        public List<JsonObject> Dropped { get; } = [];

        public async Task SendAsync(JsonObject frame)
        {
            await _write.WaitAsync();
            try { await Socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None); }
            finally { _write.Release(); }
        }
    }
}
