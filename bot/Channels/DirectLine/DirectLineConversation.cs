using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>
/// One Direct Line conversation: its token, its user, and the log of every activity in it (the user's own echoed
/// back, as the real service does, and the bot's replies). Activities get ids "{conversationId}|{seq:D7}"; the
/// watermark a client holds is the sequence number of the last activity it received.
/// </summary>
internal sealed class DirectLineConversation
{
    public const string ChannelId = "webchat";

    private readonly object _gate = new();
    private readonly LinkedList<Entry> _log = new();
    private readonly int _maxActivities;
    private readonly CancellationTokenSource _ended = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _nextSeq;

    public DirectLineConversation(string id, string token, DateTimeOffset tokenExpires, int maxActivities)
    {
        Id = id;
        Token = token;
        TokenExpires = tokenExpires;
        LastActive = DateTimeOffset.MinValue;
        _maxActivities = maxActivities;
    }

    public string Id { get; }
    public string Token { get; }
    public DateTimeOffset TokenExpires { get; set; }
    public DateTimeOffset LastActive { get; set; }
    /// <summary>The browser's user id, bound at token or conversation start; later activities are sent as this user.</summary>
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Locale { get; set; }
    /// <summary>True once POST /conversations has run (and the bot has greeted).</summary>
    public bool Started { get; set; }
    /// <summary>Cancelled when the conversation is dropped from memory: open streams close.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <param name="Timestamp">Kept by a replacement, so Web Chat (which sorts by time) shows it where the original was.</param>
    private sealed record Entry(long Seq, string Id, string Json, DateTimeOffset? Timestamp, string? ReplyToId);

    /// <summary>The latest message showing each form card (card id → activity id), to update it after a submit.</summary>
    private readonly Dictionary<string, string> _cards = new(StringComparer.Ordinal);
    private readonly Queue<string> _cardOrder = new();

    /// <summary>Gives the activity its id and conversation, stores a serialised copy and wakes the streams.</summary>
    /// <summary>
    /// Appends a user's activity unless one with the same client id (Web Chat's channelData.clientActivityID, kept
    /// when it retries a post) was appended before; then returns that one's id and false.
    /// </summary>
    public (string Id, bool IsNew) AppendFromClient(Activity activity, string? clientActivityId, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(clientActivityId)) return (Append(activity, now), true);
        lock (_gate)
        {
            if (_clientIds.TryGetValue(clientActivityId, out var existing)) return (existing, false);
            var id = Append(activity, now);
            _clientIds[clientActivityId] = id;
            _clientIdOrder.Enqueue(clientActivityId);
            while (_clientIdOrder.Count > _maxActivities) _clientIds.Remove(_clientIdOrder.Dequeue());
            return (id, true);
        }
    }

    private readonly Dictionary<string, string> _clientIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _clientIdOrder = new();

    private DateTimeOffset _lastTimestamp;

    public string Append(Activity activity, DateTimeOffset now)
    {
        string id;
        lock (_gate)
        {
            var seq = _nextSeq++;
            id = $"{Id}|{seq:D7}";
            activity.Id = id;
            activity.ChannelId ??= ChannelId;
            activity.Conversation = new ConversationAccount { Id = Id };
            // Web Chat orders activities by timestamp: replies of one turn share the turn's time, and equal times
            // may show in either order. Each activity is stamped at least a millisecond after the one before it.
            var stamp = activity.Timestamp ?? now;
            stamp = stamp.AddTicks(-(stamp.Ticks % TimeSpan.TicksPerMillisecond)); // what a browser's Date keeps
            if (stamp <= _lastTimestamp) stamp = _lastTimestamp.AddMilliseconds(1);
            activity.Timestamp = _lastTimestamp = stamp;
            _log.AddLast(new Entry(seq, id, JsonSerializer.Serialize(activity, BotJson.Options), stamp, activity.ReplyToId));
            while (_log.Count > _maxActivities) _log.RemoveFirst();
            foreach (var cardId in ChatBot.Bot.Conversation.FormCardIds.In(activity))
            {
                if (!_cards.ContainsKey(cardId)) _cardOrder.Enqueue(cardId);
                _cards[cardId] = id;
            }
            while (_cardOrder.Count > _maxActivities) _cards.Remove(_cardOrder.Dequeue());
            LastActive = now;
            SignalLocked();
        }
        return id;
    }

    /// <summary>The message that shows the form card <paramref name="cardId"/> now, or null.</summary>
    public string? CardActivity(string cardId)
    {
        lock (_gate) return _cards.TryGetValue(cardId, out var id) ? id : null;
    }

    /// <summary>
    /// Replaces a stored activity (the bot updated a card) and delivers it again: Web Chat puts an activity whose id it
    /// has seen in place of the old one. The copy moves to the end of the log with a new sequence number, so every
    /// stream and poll past the old watermark gets it, and a client that fetches the log afresh sees it once; it keeps
    /// the original's time and replyToId, so it stays where it was in the transcript.
    /// </summary>
    public bool Replace(Activity activity)
    {
        lock (_gate)
        {
            for (var node = _log.First; node is not null; node = node.Next)
            {
                if (node.Value.Id != activity.Id) continue;
                activity.Conversation = new ConversationAccount { Id = Id };
                activity.ChannelId ??= ChannelId;
                activity.Timestamp = node.Value.Timestamp ?? activity.Timestamp;
                activity.ReplyToId = node.Value.ReplyToId;
                _log.Remove(node);
                _log.AddLast(new Entry(_nextSeq++, activity.Id, JsonSerializer.Serialize(activity, BotJson.Options), activity.Timestamp, activity.ReplyToId));
                SignalLocked();
                return true;
            }
            return false;
        }
    }

    /// <summary>The activities after <paramref name="watermark"/> (all with null) and the new watermark.</summary>
    public (IReadOnlyList<string> Activities, long? Watermark) After(long? watermark)
    {
        lock (_gate)
        {
            var list = _log.Where(e => watermark is null || e.Seq > watermark).Select(e => e.Json).ToList();
            long? last = _log.Last?.Value.Seq ?? watermark;
            return (list, last is null ? watermark : Math.Max(last.Value, watermark ?? -1));
        }
    }

    /// <summary>Completes when an activity is appended after this call was made (or the conversation ends).</summary>
    public Task ChangedAsync()
    {
        lock (_gate) return _changed.Task;
    }

    public void End()
    {
        _ended.Cancel();
        lock (_gate) SignalLocked();
    }

    private void SignalLocked()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
