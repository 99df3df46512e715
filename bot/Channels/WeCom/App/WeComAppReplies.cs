using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Reminders;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>
/// The self-built app's answers to a callback (message/send). When WeCom cannot take one (HTTP error, errcode -1
/// busy or 45009 limit after the client's own retries, no answer), it and the turn's later answers wait in the outbox,
/// in order per user, and are delivered once WeCom answers again; until then that user's next answers queue behind
/// them. A refusal (any other errcode) is logged and not queued.
/// </summary>
internal sealed class WeComAppReplies(WeComDelivery delivery, ReplyOutbox replies, ILogger<WeComAppReplies> log)
{
    public const string Kind = ReplyOutbox.KindPrefix + "wecom.app";

    /// <param name="turnId">The inbound callback's id: with the answer's position it makes the outbox key.</param>
    public async Task SendAsync(WeComOrigin origin, string turnId, string workspaceId, IEnumerable<WeComOutgoing> messages, CancellationToken ct)
    {
        var parts = WeComDelivery.Parts(messages);
        if (parts.Count == 0) return;
        var lane = ReplyOutbox.Lane(origin.ServiceUrl, origin.ConversationId);
        int from;
        string reason;
        if (replies.HasWaiting(lane) && !await replies.TryFlushAsync(lane, ct))
        {
            (from, reason) = (0, "earlier answers to this user are waiting");
        }
        else
        {
            try
            {
                await delivery.ToAppUserAsync(origin.UserId, parts, ct);
                return;
            }
            catch (WeComDeliveryException ex) when (ex.IsTransient)
            {
                (from, reason) = (ex.PartsDelivered, ex.Message);
            }
        }
        for (var i = from; i < parts.Count; i++)
            replies.Defer(Kind, $"{Kind}/{origin.ConversationId}/{turnId}/{i}", lane, workspaceId, ActivityOf(origin, parts[i]), reason);
        log.LogWarning("WeCom could not take {Count} answer(s) to {UserId} ({Reason}); they wait in the outbox", parts.Count - from, origin.UserId, reason);
    }

    /// <summary>One post as an activity to the user: the markdown as text, a template card in channelData.</summary>
    private static Activity ActivityOf(WeComOrigin origin, WeComOutgoing part) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = WeComOrigin.ChannelId,
        ServiceUrl = origin.ServiceUrl,
        Conversation = new ConversationAccount { Id = origin.ConversationId, ConversationType = WeComOrigin.PersonalType },
        Recipient = new ChannelAccount { Id = origin.UserId },
        Locale = origin.Locale,
        Text = part.Markdown,
        ChannelData = part.Card is null ? null
            : JsonSerializer.SerializeToElement(new JsonObject { [WeComAppReplyChannel.CardField] = JsonSerializer.SerializeToNode(part.Card, WeComJson.Options) }),
    };
}
