using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Robot;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Sends a turn's answers over the long connection: the first as the reply to the inbound req_id
/// (<c>aibot_respond_msg</c>: a stream, a card, or both), the rest as pushes (<c>aibot_send_msg</c>). What the
/// connection cannot take (it is down, it dropped before the ack) waits in the outbox, in order per conversation,
/// and is pushed when the connection is back; until then that conversation's next answers queue behind it.
/// A frame WeCom refuses with an errcode is logged; a refused reply is pushed instead, a refused push is not retried.
/// </summary>
internal sealed class WeComLongConnectionReplies(WeComLongConnection connection, ReplyOutbox outbox, OutboxStore store, ILogger<WeComLongConnectionReplies> log)
{
    public const string Kind = ReplyOutbox.KindPrefix + "wecom.ws";

    /// <param name="turnId">The inbound msgid: with the answer's position it makes the outbox key (never queued twice).</param>
    /// <param name="streamOpen">An unfinished stream with <paramref name="streamId"/> was sent already ("正在处理…"): finish it.</param>
    public async Task AnswerAsync(WeComOrigin origin, string reqId, string turnId, string workspaceId, string streamId, bool streamOpen,
        IReadOnlyList<WeComOutgoing> messages, CancellationToken ct)
    {
        var markdown = string.Join("\n\n", messages.Select(m => m.Markdown).Where(m => m.Length > 0));
        var cards = messages.Where(m => m.Card is not null).Select(m => m.Card!).ToList();
        if (markdown.Length == 0 && cards.Count == 0)
        {
            if (streamOpen) await connection.SendAsync(WeComWsCommands.RespondMsg, reqId, WeComRobotReply.ForStream(streamId, "✓"), ct);
            return;
        }

        var card = cards.FirstOrDefault();
        var reply = card is null ? WeComRobotReply.ForStream(streamId, markdown)
            : markdown.Length == 0 && !streamOpen ? WeComRobotReply.ForCard(card)
            : WeComRobotReply.ForStreamWithCard(streamId, markdown, true, card);
        // The same answers as posts, should the reply not go out.
        var parts = new List<WeComOutgoing>();
        if (markdown.Length > 0) parts.Add(new WeComOutgoing(markdown));
        parts.AddRange(cards.Select(c => new WeComOutgoing("", c)));
        var inReply = (markdown.Length > 0 ? 1 : 0) + (card is null ? 0 : 1);

        var lane = LaneOf(origin);
        if (outbox.HasWaiting(lane) && !await outbox.TryFlushAsync(lane, ct))
        {
            Defer(origin, turnId, workspaceId, parts, 0, "earlier answers to this chat are waiting");
            return;
        }
        var result = await connection.SendAsync(WeComWsCommands.RespondMsg, reqId, reply, ct);
        if (result.IsSuccess)
        {
            await PushAsync(origin, turnId, workspaceId, parts, ct, from: inReply);
            return;
        }
        if (result.IsRetryable)
        {
            Defer(origin, turnId, workspaceId, parts, 0, result.ErrMsg ?? "no ack");
            return;
        }
        log.LogWarning("WeCom refused the reply to {ReqId} (errcode {ErrCode} {ErrMsg}); pushing it instead", reqId, result.ErrCode, result.ErrMsg);
        await PushAsync(origin, turnId, workspaceId, parts, ct);
    }

    /// <summary>Pushes answers into the origin's chat (after a card click, or the parts a reply could not carry).</summary>
    public async Task PushAsync(WeComOrigin origin, string turnId, string workspaceId, IReadOnlyList<WeComOutgoing> parts, CancellationToken ct, int from = 0)
    {
        if (from >= parts.Count) return;
        var lane = LaneOf(origin);
        if (from == 0 && outbox.HasWaiting(lane) && !await outbox.TryFlushAsync(lane, ct))
        {
            Defer(origin, turnId, workspaceId, parts, 0, "earlier answers to this chat are waiting");
            return;
        }
        var chatId = WeComWsSendMsgBody.ChatIdOf(origin.ConversationId);
        for (var i = from; i < parts.Count; i++)
        {
            var result = await connection.PushAsync(chatId, parts[i], ct);
            if (result.IsSuccess) continue;
            if (result.IsRetryable)
            {
                Defer(origin, turnId, workspaceId, parts, i, result.ErrMsg ?? "no ack");
                return;
            }
            log.LogWarning("WeCom refused a push to {ChatId}: errcode {ErrCode} {ErrMsg}", chatId, result.ErrCode, result.ErrMsg);
        }
    }

    /// <summary>
    /// Once the connection is back: pushes the answers that waited for it, chat by chat, in order (without waiting
    /// for the reminder scheduler's next round).
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        var lanes = store.All().Where(m => m.Kind == Kind && m.Status == OutboxStatus.Pending && m.Lane is not null)
            .Select(m => m.Lane!).Distinct().ToList();
        foreach (var lane in lanes)
        {
            if (!connection.IsOnline) return;
            await outbox.TryFlushAsync(lane, ct);
        }
    }

    private static string LaneOf(WeComOrigin origin) => ReplyOutbox.Lane(origin.ServiceUrl, origin.ConversationId);

    private void Defer(WeComOrigin origin, string turnId, string workspaceId, IReadOnlyList<WeComOutgoing> parts, int from, string reason)
    {
        var lane = LaneOf(origin);
        for (var i = from; i < parts.Count; i++)
            outbox.Defer(Kind, $"{Kind}/{origin.ConversationId}/{turnId}/{i}", lane, workspaceId, ActivityOf(origin, parts[i]), reason);
        log.LogWarning("WeCom long connection could not take {Count} answer(s) to {Conversation} ({Reason}); they wait in the outbox",
            parts.Count - from, origin.ConversationId, reason);
    }

    /// <summary>One post as an activity to the chat: the markdown as text, a template card in channelData.</summary>
    private static Activity ActivityOf(WeComOrigin origin, WeComOutgoing part) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = WeComOrigin.ChannelId,
        ServiceUrl = origin.ServiceUrl,
        Conversation = new ConversationAccount { Id = origin.ConversationId, ConversationType = origin.IsGroup ? WeComOrigin.GroupType : WeComOrigin.PersonalType },
        Locale = origin.Locale,
        Text = part.Markdown,
        ChannelData = part.Card is null ? null
            : JsonSerializer.SerializeToElement(new JsonObject { [WeComAppReplyChannel.CardField] = JsonSerializer.SerializeToNode(part.Card, WeComJson.Options) }),
    };
}
