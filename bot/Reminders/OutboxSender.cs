using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// Delivers due outbox messages through the channels' proactive senders.
/// Delivery is as close to exactly-once as a send over HTTP allows: a message is claimed (made invisible for a lease)
/// before it is sent and marked sent immediately after the channel accepts it. The only duplicate window is a crash
/// between the channel's acceptance and that MarkSent write (milliseconds); a crash anywhere else either leaves the
/// message pending (sent after the lease, nothing lost) or already sent (never sent again).
/// </summary>
internal sealed class OutboxSender(
    OutboxStore outbox,
    ConversationReferenceStore references,
    WorkspaceStore workspaces,
    ProactiveMessenger messenger,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    ILogger<OutboxSender> log)
{
    public sealed record DrainResult(int Sent, int Failed, int Deferred, int Dead);

    public async Task<DrainResult> DrainAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var policy = new OutboxRetryPolicy(o.MaxAttempts, o.BaseRetrySeconds, o.MaxRetrySeconds);
        int sent = 0, failed = 0, deferred = 0, dead = 0;
        foreach (var message in outbox.Due(now, o.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            if (message.ExpiresUtc is { } expires && expires <= now)
            {
                outbox.MarkDead(message.Key, "expired before it could be sent");
                dead++;
                continue;
            }
            if (!outbox.TryClaim(message.Key, now, o.SendLease)) continue; // another sender has it

            var reference = references.Get(message.TargetReferenceId ?? message.WorkspaceId);
            if (reference is null)
            {
                if (now - message.CreatedUtc >= o.MissingReferenceGiveUp) { outbox.MarkDead(message.Key, "no conversation reference"); dead++; }
                else { outbox.Defer(message.Key, now + o.MissingReferenceRetry, "no conversation reference yet"); deferred++; }
                continue;
            }
            var workspace = workspaces.Get(message.WorkspaceId);
            if (workspace is not null)
            {
                var schedule = new WorkspaceSchedule(workspace, o);
                if (schedule.IsQuiet(now))
                {
                    outbox.Defer(message.Key, schedule.NextAllowed(now), "quiet hours");
                    deferred++;
                    continue;
                }
            }

            try
            {
                var activity = Address(ReminderMessages.ActivityOf(message), reference, message);
                var response = await messenger.SendAsync(reference, activity, ct);
                // Written straight after the channel accepted it: the only duplicate window is a crash right here.
                outbox.MarkSent(message.Key, Later(now), response?.Id);
                sent++;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw; // the lease runs out and the message is sent after the restart
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Outbox message {Key} could not be sent (attempt {Attempt})", message.Key, message.Attempts + 1);
                outbox.MarkFailed(message.Key, ex.GetType().Name + ": " + ex.Message, Later(now), policy);
                if (outbox.Get(message.Key)?.Status == OutboxStatus.Dead) dead++; else failed++;
            }
        }
        return new DrainResult(sent, failed, deferred, dead);
    }

    /// <summary>The clock after a send, but never before the tick's time (tests drive ticks with their own instants).</summary>
    private DateTimeOffset Later(DateTimeOffset tickNow)
    {
        var c = clock.GetUtcNow();
        return c > tickNow ? c : tickNow;
    }

    /// <summary>Fills in where the activity goes from the stored reference, and the WeCom markdown/mentions.</summary>
    private static Activity Address(Activity activity, StoredConversationReference reference, OutboxMessage message)
    {
        activity.Type = string.IsNullOrEmpty(activity.Type) ? ActivityTypes.Message : activity.Type;
        activity.ChannelId ??= reference.ChannelId;
        activity.ServiceUrl ??= reference.ServiceUrl;
        activity.Conversation ??= new ConversationAccount
        {
            Id = reference.ConversationId, ConversationType = reference.ConversationType,
            IsGroup = reference.IsGroup ? true : null, TenantId = reference.TenantId,
        };
        activity.From ??= reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId, Name = reference.BotName };
        activity.Locale ??= reference.Locale;
        if (reference.ChannelId == "wecom" && activity.ChannelData is null && (message.Markdown is not null || message.MentionUserIds.Count > 0))
        {
            // The WeCom sender reads these: webhook markdown with <@userid> mentions, and mentioned_list for text.
            var data = new JsonObject
            {
                ["markdown"] = message.Markdown,
                ["mentionedList"] = new JsonArray(message.MentionUserIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray()),
                ["outboxKey"] = message.Key,
            };
            activity.ChannelData = JsonSerializer.SerializeToElement(data);
        }
        return activity;
    }
}
