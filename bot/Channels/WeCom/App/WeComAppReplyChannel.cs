using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Reminders;
using ChatBot.Storage.Reminders;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>Delivers the app answers <see cref="WeComAppReplies"/> put in the outbox.</summary>
internal sealed class WeComAppReplyChannel(WeComDelivery delivery) : IReplyChannel
{
    public const string CardField = "wecomTemplateCard";

    public bool Handles(string kind) => kind == WeComAppReplies.Kind;

    public async Task<string?> DeliverAsync(OutboxMessage message, Activity activity, CancellationToken ct)
    {
        var userId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(userId)) throw new InvalidOperationException("The queued WeCom answer has no recipient.");
        WeComTemplateCard? card = null;
        if (activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(CardField, out var json))
            card = json.Deserialize<WeComTemplateCard>(WeComJson.Options);
        await delivery.ToAppUserAsync(userId, [new WeComOutgoing(activity.Text ?? "", card)], ct);
        return null;
    }
}
