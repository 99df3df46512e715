using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// Keeps a turn's work when its channel cannot be reached: a reply that could not be delivered (the channel answered
/// 5xx/429 or not at all) is put in the persistent outbox, in a lane per conversation, and delivered exactly once, in
/// order, when the channel is back: by the next turn of that conversation, or by the reminder scheduler's rounds.
/// </summary>
internal sealed class ReplyOutbox(OutboxStore store, OutboxSender sender, TimeProvider clock, IOptions<ReminderOptions> options)
{
    public const string KindPrefix = "reply.";

    public static bool IsReply(OutboxMessage message) => message.Kind.StartsWith(KindPrefix, StringComparison.Ordinal);

    /// <summary>The ordering lane of a conversation's replies.</summary>
    public static string Lane(string? channelId, string? conversationId) => StorageKeys.Compact($"{channelId}|{conversationId}");

    /// <summary>True while replies of this conversation wait: a new reply must not overtake them.</summary>
    public bool HasWaiting(string lane) => store.HasPendingInLane(lane);

    /// <summary>Tries to deliver the conversation's waiting replies now; true when none is left.</summary>
    public Task<bool> TryFlushAsync(string lane, CancellationToken ct) => sender.DrainLaneAsync(lane, early: true, ct);

    /// <summary>
    /// Queues a reply under a deterministic key (the inbound activity and the reply's position in its turn), so a turn
    /// run again for a redelivered activity queues nothing twice. False when the key was queued before.
    /// </summary>
    public bool Defer(string kind, string key, string lane, string workspaceId, Activity activity, string reason)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        return store.TryEnqueue(new OutboxMessage
        {
            Key = StorageKeys.Compact(key),
            WorkspaceId = workspaceId,
            Kind = kind,
            ActivityUtf8 = JsonSerializer.SerializeToUtf8Bytes(activity, BotJson.Options),
            Lane = lane,
            DueUtc = now,
            CreatedUtc = now,
            NextAttemptUtc = now + TimeSpan.FromSeconds(o.BaseRetrySeconds),
            ExpiresUtc = now + o.ReplyExpiry,
            LastError = reason.Length <= 500 ? reason : reason[..500],
        });
    }
}
