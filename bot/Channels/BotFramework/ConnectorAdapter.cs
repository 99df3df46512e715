using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Sends a turn's replies through the Bot Connector REST API (Teams, Azure Bot Service channels). When the Connector
/// cannot be reached even after the client's retries (5xx, 429, network errors, timeouts), the reply is not lost and
/// the turn does not fail: it goes to the <see cref="ReplyOutbox"/> and is delivered when the Connector is back, and
/// so do the turn's later replies and, until those are out, the conversation's next ones (so none overtakes another).
/// A refusal (4xx: bot removed, bad activity) still fails the turn, as before. A reply that the conversation's send
/// limit would hold longer than the turn's throttle allowance (<see cref="ConversationSendThrottle"/>) takes the same
/// way: the request answers promptly, and the outbox sends it once the limit allows.
/// Replies leave one after another in the order the turn asked for them, but the turn does not wait for each: it goes
/// on, and the engine writes the dialog state while the last reply is still on its way (<see cref="FlushAsync"/>), so a
/// turn costs the longer of the two waits, not their sum.
/// </summary>
internal sealed class ConnectorAdapter(
    IConnectorClient connector,
    ChannelCapabilities capabilities,
    Activity? inbound = null,
    ReplyOutbox? replies = null,
    ILogger? log = null,
    TimeSpan? throttleAllowance = null) : ChannelAdapter
{
    /// <summary>How long a turn's replies may wait in all for the send limits when no other value is configured.</summary>
    public static readonly TimeSpan DefaultThrottleAllowance = TimeSpan.FromSeconds(3);

    public const string ReplyKind = ReplyOutbox.KindPrefix + "botframework";
    public const string UpdateKind = ReplyOutbox.KindPrefix + "botframework.update";

    private readonly string _lane = ReplyOutbox.Lane(inbound?.ChannelId, inbound?.Conversation?.Id);
    private readonly string _turnId = inbound?.Id is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
    private int _position;
    private bool _deferring;
    private bool _flushTried;

    private readonly ThrottleAllowance _allowance = new(throttleAllowance ?? DefaultThrottleAllowance);
    private readonly Lock _gate = new();
    private Task _sending = Task.CompletedTask;

    public override ChannelCapabilities Capabilities => capabilities;

    /// <summary>Queues the reply behind the turn's earlier ones. No id comes back: nothing the bot does with a reply needs one.</summary>
    public override Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken ct)
    {
        lock (_gate) _sending = AfterAsync(_sending, () => SendNowAsync(activity, ct));
        return Task.FromResult(new ResourceResponse());
    }

    /// <summary>The clicked card's replacement (PUT): queued like a reply, so it lands after the replies before it.</summary>
    public override Task UpdateActivityAsync(Activity activity, CancellationToken ct)
    {
        lock (_gate) _sending = AfterAsync(_sending, () => UpdateNowAsync(activity, ct));
        return Task.CompletedTask;
    }

    public override async Task FlushAsync()
    {
        Task sending;
        lock (_gate) sending = _sending;
        try { await sending; }
        finally
        {
            // A refusal stops the replies after it; once the engine has seen it, its apology may still go out.
            if (!sending.IsCompletedSuccessfully)
                lock (_gate)
                    if (ReferenceEquals(_sending, sending)) _sending = Task.CompletedTask;
        }
    }

    private static async Task AfterAsync(Task previous, Func<Task> next)
    {
        await previous;
        await next();
    }

    private async Task SendNowAsync(Activity activity, CancellationToken ct)
    {
        var position = Interlocked.Increment(ref _position);
        if (replies is null || inbound is null) { await connector.SendAsync(activity, ct); return; }
        using var bounded = ConversationSendThrottle.Allow(_allowance); // this send, and the waiting replies it flushes
        var typing = activity.Type == ActivityTypes.Typing; // a late typing indicator means nothing: dropped, never queued
        if (await MustWaitAsync(ct))
        {
            if (!typing) Defer(ReplyKind, activity, position, "earlier replies of this conversation are waiting");
            return;
        }
        try
        {
            await connector.SendAsync(activity, ct);
        }
        catch (Exception ex) when (DeliveryFailure.IsTransient(ex, ct))
        {
            _deferring = true;
            if (!typing) Defer(ReplyKind, activity, position, Reason(ex));
        }
    }

    private async Task UpdateNowAsync(Activity activity, CancellationToken ct)
    {
        var position = Interlocked.Increment(ref _position);
        if (replies is null || inbound is null) { await connector.UpdateAsync(activity, ct); return; }
        using var bounded = ConversationSendThrottle.Allow(_allowance);
        if (await MustWaitAsync(ct)) { Defer(UpdateKind, activity, position, "earlier replies of this conversation are waiting"); return; }
        try
        {
            await connector.UpdateAsync(activity, ct);
        }
        catch (Exception ex) when (DeliveryFailure.IsTransient(ex, ct))
        {
            _deferring = true;
            Defer(UpdateKind, activity, position, Reason(ex));
        }
    }

    /// <summary>
    /// True when this reply must queue: an earlier one of this turn did, or earlier replies of the conversation still
    /// wait and could not be delivered now (the turn tries that once: the Connector just reached us, so it may be back).
    /// </summary>
    private async Task<bool> MustWaitAsync(CancellationToken ct)
    {
        if (_deferring) return true;
        if (!replies!.HasWaiting(_lane)) return false;
        if (!_flushTried)
        {
            _flushTried = true;
            if (await replies.TryFlushAsync(_lane, ct)) return false;
        }
        _deferring = true;
        return true;
    }

    private void Defer(string kind, Activity activity, int position, string reason)
    {
        var a = inbound!;
        var key = $"{kind}/{a.ChannelId}/{a.Conversation?.Id}/{_turnId}/{position}";
        if (replies!.Defer(kind, key, _lane, WorkspaceResolver.ConversationWorkspaceId(a), activity, reason))
            log?.LogWarning("Reply {Position} to activity {ActivityId} in {ConversationId} could not be sent now ({Reason}); it waits in the outbox",
                position, a.Id, a.Conversation?.Id, reason);
    }

    private static string Reason(Exception ex) => ex switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        ConversationThrottledException => ex.Message,
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    public static ChannelCapabilities CapabilitiesOf(string? channelId) => channelId switch
    {
        "msteams" or "webchat" or "directline" or "emulator" => ChannelCapabilities.Full,
        _ => ChannelCapabilities.TextOnly with { Markdown = true },
    };
}
