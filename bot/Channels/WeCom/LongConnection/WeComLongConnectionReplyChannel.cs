using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Pushes (<c>aibot_send_msg</c>) the answers <see cref="WeComLongConnectionReplies"/> put in the outbox while the
/// connection was down. Throws while it is still down, so the outbox keeps them and tries again; on an instance that
/// does not hold the robot's connection it leaves them to the holder without counting an attempt.
/// </summary>
internal sealed class WeComLongConnectionReplyChannel(WeComLongConnection connection, WeComRobotLease lease, IOptions<WeComOptions> options) : IReplyChannel
{
    public bool Handles(string kind) => kind == WeComLongConnectionReplies.Kind;

    public async Task<string?> DeliverAsync(OutboxMessage message, Activity activity, CancellationToken ct)
    {
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId)) throw new InvalidOperationException("The queued WeCom answer has no chat.");
        if (!lease.IsHeld) throw new WeComRobotHeldElsewhereException(options.Value.RobotBotId);
        WeComTemplateCard? card = null;
        if (activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(WeComAppReplyChannel.CardField, out var json))
            card = json.Deserialize<WeComTemplateCard>(WeComJson.Options);
        var result = await connection.PushAsync(WeComWsSendMsgBody.ChatIdOf(conversationId), new WeComOutgoing(activity.Text ?? "", card), ct);
        if (!result.IsSuccess) throw new WeComDeliveryException(result, "aibot_send_msg");
        return null;
    }
}
