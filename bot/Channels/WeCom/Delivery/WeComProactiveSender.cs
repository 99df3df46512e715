using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Bot.Channels.WeCom.LongConnection;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>
/// Reminders into WeCom: a group through its robot webhook (markdown, then a text with mentioned_list when people
/// are @-ed), a single chat through the app's message/send. Cards become markdown. Throws when WeCom refuses or
/// no route is configured, so the outbox retries; the webhook's rate limit is kept by queuing, never by dropping.
/// With the smart robot's long connection (WeCom:RobotMode longconnection) the robot's chats are pushed over it
/// (<c>aibot_send_msg</c>, no webhook key needed); while it is down the send throws and the reminder waits in the outbox.
/// </summary>
internal sealed class WeComProactiveSender(WeComCardDowngrade downgrade, WeComDelivery delivery, IOptions<WeComOptions> options,
    WeComLongConnection longConnection, WeComRobotLease lease) : IProactiveSender
{
    public bool CanSend(StoredConversationReference reference) =>
        reference.ChannelId == WeComOrigin.ChannelId && !string.IsNullOrEmpty(reference.ConversationId);

    public async Task<ResourceResponse> SendAsync(StoredConversationReference reference, Activity activity, CancellationToken ct)
    {
        if (!CanSend(reference)) throw new ArgumentException($"Reference '{reference.Id}' is not a WeCom conversation.", nameof(reference));
        activity.Locale ??= reference.Locale;
        var prepared = PreparedByOutbox(activity);
        // A reminder's own WeCom markdown (written with <@userid> mentions) reads better than a downgraded card.
        var messages = prepared.Markdown is { Length: > 0 } markdown
            ? [new WeComOutgoing(markdown)]
            : downgrade.Downgrade(activity, scope: null);
        var mentions = (activity.Entities ?? [])
            .Where(e => string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) && e.Mentioned?.Id is { Length: > 0 } && e.Mentioned.Id != reference.BotId)
            .Select(e => WeComCardDowngrade.UserIdOf(e.Mentioned!.Id!))
            .Concat(prepared.MentionedList)
            .Distinct().ToList();

        if (options.Value.IsLongConnection && (reference.IsGroup || reference.ServiceUrl != "wecom:" + WeComOrigin.AppKind || !delivery.AppConfigured))
        {
            await PushAsync(reference, messages, prepared.PartsDelivered, ct);
        }
        else if (reference.IsGroup)
        {
            var key = delivery.WebhookKeyFor(reference.Id, reference.ConversationId)
                ?? throw new InvalidOperationException($"WeCom group '{reference.ConversationId}' has no robot webhook key: set one with 设置群机器人 or WeCom:WebhookKeys.");
            await delivery.ToWebhookAsync(key, messages, mentions, ct, prepared.PartsDelivered);
        }
        else
        {
            var userId = reference.ConversationId.StartsWith("single:", StringComparison.Ordinal) ? reference.ConversationId["single:".Length..] : reference.ConversationId;
            if (!delivery.AppConfigured) throw new InvalidOperationException("The WeCom self-built app is not configured (WeCom:CorpId, AgentId, AppSecret).");
            await delivery.ToAppUserAsync(userId, messages, ct, prepared.PartsDelivered);
        }
        return new ResourceResponse { Id = "wecom-" + Guid.NewGuid().ToString("N") };
    }

    /// <summary>
    /// One push of all the markdown (mentions are inline &lt;@userid&gt;), then one per card. <paramref name="skip"/>:
    /// pushes an earlier attempt got out, not pushed again.
    /// </summary>
    private async Task PushAsync(StoredConversationReference reference, IReadOnlyList<WeComOutgoing> messages, int skip, CancellationToken ct)
    {
        var parts = new List<WeComOutgoing>();
        var markdown = string.Join("\n\n", messages.Select(m => m.Markdown).Where(m => m.Length > 0));
        if (markdown.Length > 0) parts.Add(new WeComOutgoing(markdown));
        parts.AddRange(messages.Where(m => m.Card is not null).Select(m => new WeComOutgoing("", m.Card)));
        // A leader that has just lost the robot to another instance: the new holder leads and sends it.
        if (!lease.IsHeld) throw new WeComRobotHeldElsewhereException(options.Value.RobotBotId);
        var chatId = WeComWsSendMsgBody.ChatIdOf(reference.ConversationId);
        for (var i = skip; i < parts.Count; i++)
        {
            var result = await longConnection.PushAsync(chatId, parts[i], ct);
            if (!result.IsSuccess) throw new WeComDeliveryException(result, "aibot_send_msg", i);
        }
    }

    /// <summary>
    /// What the reminder outbox puts in channelData for WeCom: the markdown, the mentioned user ids, and how many posts
    /// of this message an earlier attempt got out (a reminder with mentions is two webhook posts; never post one twice).
    /// </summary>
    private static (string? Markdown, IReadOnlyList<string> MentionedList, int PartsDelivered) PreparedByOutbox(Activity activity)
    {
        if (activity.ChannelData is not { ValueKind: System.Text.Json.JsonValueKind.Object } data) return (null, [], 0);
        var markdown = data.TryGetProperty("markdown", out var md) && md.ValueKind == System.Text.Json.JsonValueKind.String ? md.GetString() : null;
        var mentioned = data.TryGetProperty("mentionedList", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array
            ? list.EnumerateArray().Where(i => i.ValueKind == System.Text.Json.JsonValueKind.String).Select(i => i.GetString()!).ToList()
            : [];
        var parts = data.TryGetProperty("partsDelivered", out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Number && p.TryGetInt32(out var n) && n > 0 ? n : 0;
        return (markdown, mentioned, parts);
    }
}
