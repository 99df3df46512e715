using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Reminders;

namespace ChatBot.Bot.Reminders;

/// <summary>Delivers replies that waited in the outbox, addressed by the stored activity itself (not a conversation reference).</summary>
internal interface IReplyChannel
{
    /// <summary>The outbox kinds it delivers (<see cref="ReplyOutbox.KindPrefix"/>…).</summary>
    bool Handles(string kind);

    /// <summary>Sends it as the turn would have; returns the channel's id of the message. Throws as the live send would.</summary>
    Task<string?> DeliverAsync(OutboxMessage message, Activity activity, CancellationToken ct);
}
