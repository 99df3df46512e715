using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Holds the smart robot's long connection (长连接) to WeCom when WeCom:RobotMode is "longconnection": dials out,
/// subscribes with the BotID and Secret, pings every <see cref="WeComOptions.RobotHeartbeatInterval"/> (two pings
/// without an ack: dead), reconnects with backoff (1 s doubling to 30 s), gives up after
/// <see cref="WeComOptions.RobotMaxAuthFailures"/> refused subscribes in a row, and stands down for good when WeCom
/// says another connection of the same bot took over (only one is live per bot). Inbound messages and events are
/// handed to <see cref="WeComLongConnectionHandler"/>; <see cref="SendAsync"/> writes a frame and waits for its ack.
/// Of several instances on one PostgreSQL database only the holder of the robot's <see cref="WeComRobotLease"/>
/// connects; the others stand by (<see cref="WeComLongConnectionState.Standby"/>) and take over when it is gone. A
/// holder checks its lease every WeCom:RobotLeaseRetry and drops the connection as soon as it has lost it.
/// </summary>
internal sealed class WeComLongConnection(IOptions<WeComOptions> options, WeComRobotLease lease, IServiceProvider services, ILogger<WeComLongConnection> log)
    : BackgroundService
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private const int MaxMissedPings = 2;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<WeComWsFrame>> _pendingAcks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _handling = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile WebSocket? _socket;
    private volatile bool _superseded;
    private volatile bool _leaseLost;
    private volatile bool _stopping;
    private int _missedPings;
    private long _reconnects;
    private DateTimeOffset? _onlineSince;
    private string? _lastError;

    private volatile WeComLongConnectionState _state = WeComLongConnectionState.Disabled;

    public WeComLongConnectionState State { get => _state; private set => _state = value; }

    public bool IsOnline => State == WeComLongConnectionState.Online && _socket is { State: WebSocketState.Open };

    /// <summary>The state for /healthz (no secrets).</summary>
    public object Describe() => new Dictionary<string, object?>
    {
        ["state"] = State.ToString().ToLowerInvariant(),
        ["instance"] = WeComRobotLease.Instance,
        ["heldHere"] = lease.IsHeld,
        ["url"] = options.Value.RobotLongConnectionUrl,
        ["onlineSince"] = _onlineSince,
        ["reconnects"] = Interlocked.Read(ref _reconnects),
        ["lastError"] = _lastError,
    };

    /// <summary>
    /// Writes one frame and waits for WeCom's ack (same req_id). A transport failure (no connection, the connection
    /// dropped, no ack in time) comes back as <see cref="WeComErrorCodes.TransportFailure"/>: the frame may not have
    /// arrived and is worth sending again later. Replies to one req_id must be sent one after another (each after the
    /// previous one's ack), as WeCom requires; the handler does so.
    /// </summary>
    public async Task<WeComSendResult> SendAsync(string cmd, string reqId, object body, CancellationToken ct)
    {
        var socket = _socket;
        if (socket is null || !IsOnline) return WeComSendResult.Transport($"the long connection is {State.ToString().ToLowerInvariant()}");
        var ack = new TaskCompletionSource<WeComWsFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingAcks[reqId] = ack;
        try
        {
            if (!await WriteAsync(socket, WeComWsFrame.Command(cmd, reqId, body), ct))
                return WeComSendResult.Transport($"{cmd} could not be written");
            var frame = await ack.Task.WaitAsync(options.Value.RobotAckTimeout, ct);
            return new WeComSendResult(frame.ErrCode ?? 0, frame.ErrMsg);
        }
        catch (TimeoutException)
        {
            return WeComSendResult.Transport($"no ack for {cmd} within {options.Value.RobotAckTimeout.TotalSeconds:0.#} s");
        }
        finally
        {
            _pendingAcks.TryRemove(new KeyValuePair<string, TaskCompletionSource<WeComWsFrame>>(reqId, ack));
        }
    }

    /// <summary>Pushes one post into a chat (<c>aibot_send_msg</c> with a fresh req_id) and waits for its ack.</summary>
    public Task<WeComSendResult> PushAsync(string chatId, WeComOutgoing part, CancellationToken ct) =>
        SendAsync(WeComWsCommands.SendMsg, WeComWsFrame.NewReqId(WeComWsCommands.SendMsg), WeComWsSendMsgBody.For(chatId, part), ct);

    /// <summary>Closes the connection cleanly (a close frame, not a dropped socket) before the host stops.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_socket is { State: WebSocketState.Open } socket)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bot stopping", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                log.LogDebug(ex, "WeCom long connection did not close cleanly");
            }
        }
        await base.StopAsync(cancellationToken);
        // At once, not when the process ends: another instance takes the robot over within WeCom:RobotLeaseRetry.
        lease.Release();
        State = options.Value.IsLongConnection ? WeComLongConnectionState.Stopped : State;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.IsLongConnection) return;
        if (string.IsNullOrWhiteSpace(o.RobotBotId) || string.IsNullOrWhiteSpace(o.RobotSecret))
        {
            State = WeComLongConnectionState.NotConfigured;
            log.LogError("WeCom:RobotMode is longconnection but WeCom:RobotBotId or WeCom:RobotSecret is empty: the smart robot is offline");
            return;
        }
        if (!Uri.TryCreate(o.RobotLongConnectionUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("wss" or "ws"))
        {
            State = WeComLongConnectionState.NotConfigured;
            log.LogError("WeCom:RobotLongConnectionUrl '{Url}' is not a ws(s):// address: the smart robot is offline", o.RobotLongConnectionUrl);
            return;
        }

        int failedConnects = 0, refusedSubscribes = 0;
        State = WeComLongConnectionState.Connecting;
        while (!stoppingToken.IsCancellationRequested && !_stopping)
        {
            if (!await HoldsLeaseAsync())
            {
                if (State != WeComLongConnectionState.Standby)
                    log.LogInformation("WeCom robot {BotId}'s long connection is held by another instance; this instance ({Instance}) stands by and asks again every {Retry} s",
                        o.RobotBotId, WeComRobotLease.Instance, LeaseRetry.TotalSeconds);
                State = WeComLongConnectionState.Standby;
                try { await Task.Delay(LeaseRetry, stoppingToken); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            if (State == WeComLongConnectionState.Standby) State = WeComLongConnectionState.Connecting;
            var outcome = await RunOnceAsync(uri, stoppingToken);
            if (stoppingToken.IsCancellationRequested || _stopping) break;
            // Kicked by another instance of this bot: this one lost its lease before it noticed.
            if (outcome == SessionOutcome.Superseded && lease.IsShared && !await HoldsLeaseAsync()) outcome = SessionOutcome.LeaseLost;
            if (outcome == SessionOutcome.LeaseLost)
            {
                // Asks again only after the others had time to take the robot over (they ask every RobotLeaseRetry).
                State = WeComLongConnectionState.Standby;
                try { await Task.Delay(LeaseRetry * 2, stoppingToken); }
                catch (OperationCanceledException) { break; }
                continue;
            }
            TimeSpan delay;
            switch (outcome)
            {
                case SessionOutcome.Superseded:
                    State = WeComLongConnectionState.StoodDown;
                    log.LogWarning("WeCom says another connection of robot {BotId} took over (disconnected_event); this instance stands down and does not reconnect until it restarts", o.RobotBotId);
                    return;
                case SessionOutcome.SubscribeRefused:
                    refusedSubscribes++;
                    if (refusedSubscribes >= o.RobotMaxAuthFailures)
                    {
                        State = WeComLongConnectionState.AuthFailed;
                        log.LogError("WeCom refused the robot's BotID/Secret {Count} times in a row ({Error}); check WeCom:RobotBotId and WeCom:RobotSecret, then restart the bot", refusedSubscribes, _lastError);
                        return;
                    }
                    delay = Backoff(refusedSubscribes);
                    break;
                case SessionOutcome.WasOnline:
                    refusedSubscribes = 0;
                    failedConnects = 0;
                    delay = Backoff(1);
                    break;
                default:
                    failedConnects++;
                    delay = Backoff(failedConnects);
                    break;
            }
            State = WeComLongConnectionState.Reconnecting;
            Interlocked.Increment(ref _reconnects);
            log.LogInformation("WeCom long connection: reconnecting in {Delay} ms", (int)delay.TotalMilliseconds);
            try { await Task.Delay(delay, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        await Task.WhenAll(_handling.Keys);
        State = WeComLongConnectionState.Stopped;
    }

    private TimeSpan Backoff(int attempt)
    {
        var o = options.Value;
        var ms = o.RobotReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(ms, o.RobotReconnectMaxDelay.TotalMilliseconds));
    }

    /// <summary>Off the host's start-up thread on PostgreSQL (a round trip to the database); never throws.</summary>
    private async Task<bool> HoldsLeaseAsync() => lease.IsShared ? await Task.Run(() => lease.TryHold()) : lease.TryHold();

    private TimeSpan LeaseRetry => options.Value.RobotLeaseRetry < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : options.Value.RobotLeaseRetry;

    private enum SessionOutcome { ConnectFailed, SubscribeRefused, WasOnline, Superseded, LeaseLost }

    private async Task<SessionOutcome> RunOnceAsync(Uri uri, CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var socket = new ClientWebSocket();
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            connectTimeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(uri, connectTimeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            _lastError = "connect failed: " + ex.Message;
            if (!stoppingToken.IsCancellationRequested) log.LogWarning("WeCom long connection to {Url} failed: {Error}", uri, ex.Message);
            return SessionOutcome.ConnectFailed;
        }

        _socket = socket;
        _superseded = false;
        _leaseLost = false;
        Interlocked.Exchange(ref _missedPings, 0);
        var receiving = ReceiveLoopAsync(socket, session.Token);
        var wasOnline = false;
        try
        {
            var reqId = WeComWsFrame.NewReqId(WeComWsCommands.Subscribe);
            var ack = new TaskCompletionSource<WeComWsFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pendingAcks[reqId] = ack;
            // The secret goes only into this frame: never logged.
            if (!await WriteAsync(socket, WeComWsFrame.Command(WeComWsCommands.Subscribe, reqId, new { bot_id = o.RobotBotId, secret = o.RobotSecret }), session.Token))
                return SessionOutcome.ConnectFailed;
            var answer = await Task.WhenAny(ack.Task, receiving, Task.Delay(ConnectTimeout, session.Token));
            _pendingAcks.TryRemove(reqId, out _);
            if (answer != ack.Task)
            {
                _lastError = "no answer to aibot_subscribe";
                log.LogWarning("WeCom long connection: no answer to aibot_subscribe");
                return SessionOutcome.ConnectFailed;
            }
            var subscribed = ack.Task.Result;
            if (subscribed.ErrCode is not (0 or null))
            {
                _lastError = $"aibot_subscribe refused: errcode {subscribed.ErrCode} {subscribed.ErrMsg}";
                log.LogError("WeCom refused aibot_subscribe for robot {BotId}: errcode {ErrCode} {ErrMsg} (check WeCom:RobotBotId and WeCom:RobotSecret)",
                    o.RobotBotId, subscribed.ErrCode, subscribed.ErrMsg);
                return SessionOutcome.SubscribeRefused;
            }

            wasOnline = true;
            _onlineSince = DateTimeOffset.UtcNow;
            _lastError = null;
            State = WeComLongConnectionState.Online;
            log.LogInformation("WeCom long connection online (robot {BotId}, {Url}, instance {Instance})", o.RobotBotId, uri, WeComRobotLease.Instance);
            Track(Task.Run(() => services.GetRequiredService<WeComLongConnectionReplies>().CatchUpAsync(stoppingToken), CancellationToken.None), "catching up on waiting answers");

            var heartbeat = HeartbeatLoopAsync(socket, session.Token);
            var leaseWatch = lease.IsShared ? LeaseWatchLoopAsync(socket, session.Token) : Task.CompletedTask;
            await receiving;
            session.Cancel();
            await heartbeat;
            await leaseWatch;
            if (_leaseLost)
            {
                _lastError = "lost the lease on the robot to another instance";
                return SessionOutcome.LeaseLost;
            }
            if (_superseded) return SessionOutcome.Superseded;
            _lastError = socket.CloseStatus is { } status ? $"closed by WeCom: {status} {socket.CloseStatusDescription}" : "connection lost";
            if (!_stopping) log.LogWarning("WeCom long connection lost: {Reason}", _lastError);
            return SessionOutcome.WasOnline;
        }
        catch (OperationCanceledException) when (session.IsCancellationRequested)
        {
            return wasOnline ? SessionOutcome.WasOnline : SessionOutcome.ConnectFailed;
        }
        finally
        {
            _socket = null;
            if (State == WeComLongConnectionState.Online) State = WeComLongConnectionState.Reconnecting;
            _onlineSince = null;
            session.Cancel();
            if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted)) socket.Abort();
            try { await receiving; } catch (Exception ex) { log.LogDebug(ex, "WeCom long connection receive loop ended"); }
            // Frames still waiting for an ack will not get one on this connection.
            foreach (var pending in _pendingAcks.Values)
                pending.TrySetResult(new WeComWsFrame { ErrCode = WeComErrorCodes.TransportFailure, ErrMsg = "the long connection closed before the ack" });
        }
    }

    private async Task HeartbeatLoopAsync(WebSocket socket, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.Value.RobotHeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                if (Volatile.Read(ref _missedPings) >= MaxMissedPings)
                {
                    _lastError = $"{MaxMissedPings} pings without an ack";
                    log.LogWarning("WeCom long connection: {Count} pings without an ack; treating the connection as dead", MaxMissedPings);
                    socket.Abort();
                    return;
                }
                Interlocked.Increment(ref _missedPings);
                await WriteAsync(socket, WeComWsFrame.Command(WeComWsCommands.Ping, WeComWsFrame.NewReqId(WeComWsCommands.Ping), null), ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Every WeCom:RobotLeaseRetry, checks that this instance still holds the robot; when it does not (its database
    /// connection died, so another instance may connect any moment), it drops the connection rather than be kicked.
    /// </summary>
    private async Task LeaseWatchLoopAsync(WebSocket socket, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseRetry, ct);
                if (await HoldsLeaseAsync()) continue;
                _leaseLost = true;
                log.LogWarning("WeCom long connection of robot {BotId} closed: this instance ({Instance}) no longer holds its lease", options.Value.RobotBotId, WeComRobotLease.Instance);
                socket.Abort();
                return;
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ReceiveLoopAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                var frame = WeComWsFrame.TryParse(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
                if (frame is null) { log.LogWarning("WeCom long connection: a frame that is not JSON was ignored"); continue; }
                if (!Dispatch(socket, frame)) return;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!ct.IsCancellationRequested) log.LogDebug(ex, "WeCom long connection receive failed");
        }
    }

    /// <summary>Routes one inbound frame; false when the connection must end (another one took over).</summary>
    private bool Dispatch(WebSocket socket, WeComWsFrame frame)
    {
        switch (frame.Cmd)
        {
            case WeComWsCommands.EventCallback when EventType(frame) == WeComWsCommands.DisconnectedEvent:
                _superseded = true;
                socket.Abort();
                return false;
            case WeComWsCommands.MsgCallback or WeComWsCommands.EventCallback:
            {
                var received = TimeProvider.System.GetTimestamp();
                // Off the receive loop: acks of the replies it sends arrive on this loop.
                Track(Task.Run(() => services.GetRequiredService<WeComLongConnectionHandler>().HandleAsync(frame, received)), $"handling {frame.Cmd} {frame.ReqId}");
                return true;
            }
            case null or "":
                if (frame.ReqId.StartsWith(WeComWsCommands.Ping, StringComparison.Ordinal))
                {
                    Interlocked.Exchange(ref _missedPings, 0);
                    return true;
                }
                if (_pendingAcks.TryGetValue(frame.ReqId, out var ack)) ack.TrySetResult(frame);
                else log.LogDebug("WeCom long connection: ack for unknown req_id {ReqId} ignored", frame.ReqId);
                return true;
            default:
                log.LogDebug("WeCom long connection: unknown cmd {Cmd} ignored", frame.Cmd);
                return true;
        }
    }

    /// <summary>Work started from the connection; every failure is logged and the host's stop waits for it.</summary>
    private void Track(Task work, string what)
    {
        _handling.TryAdd(work, 0);
        work.ContinueWith(t =>
        {
            _handling.TryRemove(t, out _);
            if (t.Exception is { } ex) log.LogError(ex, "WeCom long connection: {What} failed", what);
        }, TaskScheduler.Default);
    }

    private static string? EventType(WeComWsFrame frame) =>
        frame.Body is { ValueKind: System.Text.Json.JsonValueKind.Object } body
        && body.TryGetProperty("event", out var e) && e.ValueKind == System.Text.Json.JsonValueKind.Object
        && e.TryGetProperty("eventtype", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;

    private async Task<bool> WriteAsync(WebSocket socket, WeComWsFrame frame, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJson());
        await _writeLock.WaitAsync(ct);
        try
        {
            if (socket.State != WebSocketState.Open) return false;
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            log.LogDebug(ex, "WeCom long connection: writing {Cmd} failed", frame.Cmd);
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
