using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// Delivers due outbox messages: reminders through the channels' proactive senders (to the stored conversation
/// reference), replies a turn could not deliver through their <see cref="IReplyChannel"/>, in order per conversation.
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
    IEnumerable<IReplyChannel> replyChannels,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    ILogger<OutboxSender> log)
{
    public sealed record DrainResult(int Sent, int Failed, int Deferred, int Dead);

    private enum Outcome { Sent, Failed, Dead, Postponed }

    /// <summary>One round of sending: its counts, and the services that did not answer (their other messages wait).</summary>
    private sealed class Round
    {
        public int Sent, Failed, Deferred, Dead;
        public readonly HashSet<string> DownRoutes = new(StringComparer.Ordinal);
        public readonly HashSet<string> Lanes = new(StringComparer.Ordinal);
        public void Count(Outcome o)
        {
            if (o == Outcome.Sent) Sent++;
            else if (o == Outcome.Dead) Dead++;
            else if (o == Outcome.Postponed) Deferred++;
            else Failed++;
        }
    }

    /// <summary>Reminders claimed together: sent within seconds of their claim, well inside the lease.</summary>
    internal const int ClaimChunk = 10;

    public async Task<DrainResult> DrainAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var policy = new OutboxRetryPolicy(o.MaxAttempts, o.BaseRetrySeconds, o.MaxRetrySeconds);
        var round = new Round();
        // Conversations with waiting replies: each lane's head is claimed and sent in order.
        foreach (var lane in outbox.DueLanes(now, o.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            if (round.Lanes.Add(lane)) await DrainLaneAsync(lane, now, early: false, round, ct);
        }
        // Reminders: claimed a few at a time, shortly before they are sent, so a run of slow sends does not outlast the
        // lease of ones claimed long before (their lease would run out and another instance could send them too),
        // while LiteDB, which looks at every due message for a claim, is not asked once per message. The claim skips
        // what another instance is claiming.
        var taken = 0;
        while (taken < o.BatchSize && outbox.ClaimDue(now, Math.Min(ClaimChunk, o.BatchSize - taken), o.SendLease) is { Count: > 0 } chunk)
        {
            foreach (var message in chunk)
            {
                taken++;
                ct.ThrowIfCancellationRequested();
                if (message.ExpiresUtc is { } expires && expires <= now)
                {
                    outbox.MarkDead(message.Key, "expired before it could be sent");
                    round.Dead++;
                    continue;
                }

                var reference = references.Get(message.TargetReferenceId ?? message.WorkspaceId);
                if (reference is not null && round.DownRoutes.Contains(reference.ServiceUrl))
                {
                    // Its service did not answer a moment ago: given back for the next round, no attempt counted (just
                    // after this round's instant, so this round does not take it again).
                    outbox.Release(message.Key, now + TimeSpan.FromTicks(1));
                    round.Deferred++;
                    continue;
                }

                if (reference is null)
                {
                    if (now - message.CreatedUtc >= o.MissingReferenceGiveUp) { outbox.MarkDead(message.Key, "no conversation reference"); round.Dead++; }
                    else { outbox.Defer(message.Key, now + o.MissingReferenceRetry, "no conversation reference yet"); round.Deferred++; }
                    continue;
                }
                var workspace = workspaces.Get(message.WorkspaceId);
                if (workspace is not null)
                {
                    var schedule = new WorkspaceSchedule(workspace, o);
                    if (schedule.IsQuiet(now))
                    {
                        outbox.Defer(message.Key, schedule.NextAllowed(now), "quiet hours");
                        round.Deferred++;
                        continue;
                    }
                }

                round.Count(await AttemptAsync(message, async () =>
                {
                    var activity = Address(ReminderMessages.ActivityOf(message), reference, message);
                    return (await messenger.SendAsync(reference, activity, ct))?.Id;
                }, reference.ServiceUrl, now, policy, round, ct));
            }
        }
        return new DrainResult(round.Sent, round.Failed, round.Deferred, round.Dead);
    }

    /// <summary>
    /// Delivers a lane's waiting replies now, oldest first, until one fails; true when none is left. Called by a turn
    /// of that conversation before it answers (<paramref name="early"/>: its channel just reached the bot, so the
    /// head's backoff is not waited out), so its answer does not overtake them.
    /// </summary>
    public Task<bool> DrainLaneAsync(string lane, bool early, CancellationToken ct) =>
        DrainLaneAsync(lane, clock.GetUtcNow(), early, new Round(), ct);

    private async Task<bool> DrainLaneAsync(string lane, DateTimeOffset now, bool early, Round round, CancellationToken ct)
    {
        var o = options.Value;
        // Replies are retried until they expire, at most ReplyMaxRetrySeconds apart.
        var policy = new OutboxRetryPolicy(int.MaxValue, o.BaseRetrySeconds, o.ReplyMaxRetrySeconds);
        for (var first = true; ; first = false)
        {
            var head = outbox.LaneHead(lane);
            if (head is null) return true;
            var at = first ? now : Later(now);
            var activity = ReminderMessages.ActivityOf(head);
            var route = activity.ServiceUrl ?? "";
            if (round.DownRoutes.Contains(route)) return false;
            // The first must be due (unless early); the ones behind it follow at once.
            var claimed = early || !first ? outbox.TryClaimEarly(head.Key, at, o.SendLease) : outbox.TryClaim(head.Key, at, o.SendLease);
            if (!claimed) return false; // still backing off, or another sender has it
            if (head.ExpiresUtc is { } expires && expires <= at)
            {
                log.LogWarning("Reply {Key} could not be delivered before it expired", head.Key);
                outbox.MarkDead(head.Key, "expired before it could be delivered");
                round.Dead++;
                continue;
            }
            var channel = replyChannels.FirstOrDefault(c => c.Handles(head.Kind));
            if (channel is null)
            {
                outbox.MarkDead(head.Key, $"no channel delivers '{head.Kind}'");
                round.Dead++;
                continue;
            }
            var outcome = await AttemptAsync(head, () => channel.DeliverAsync(head, activity, ct), route, at, policy, round, ct);
            round.Count(outcome);
            if (outcome is Outcome.Failed or Outcome.Postponed) return false;
        }
    }

    /// <summary>
    /// One send of a claimed message. Marked sent straight after the channel accepted it: the only duplicate window is
    /// a crash right there. A transient failure backs off; a definite refusal (e.g. 403: the bot was removed) is not
    /// retried; a reply is only ever retried for transient failures.
    /// </summary>
    private async Task<Outcome> AttemptAsync(OutboxMessage message, Func<Task<string?>> send, string route,
        DateTimeOffset now, OutboxRetryPolicy policy, Round round, CancellationToken ct)
    {
        try
        {
            var id = await send();
            outbox.MarkSent(message.Key, Later(now), id);
            return Outcome.Sent;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // the lease runs out and the message is sent after the restart
        }
        catch (Exception ex) when (ex is IDeliveryPostponed postponed)
        {
            // Not tried (the conversation's send limit): no attempt is counted, it is due again when the limit allows.
            outbox.Defer(message.Key, Later(now) + postponed.RetryAfter, ex.Message);
            return Outcome.Postponed;
        }
        catch (Exception ex)
        {
            var error = ex.GetType().Name + ": " + ex.Message;
            var transient = DeliveryFailure.IsTransient(ex, ct);
            if (DeliveryFailure.IsOutage(ex, ct)) round.DownRoutes.Add(route);
            var refused = ReplyOutbox.IsReply(message) ? !transient : DeliveryFailure.IsPermanent(ex);
            if (refused)
            {
                log.LogWarning(ex, "Outbox message {Key} was refused by the channel; not retried", message.Key);
                outbox.MarkDead(message.Key, "refused: " + error, attempted: true);
                return Outcome.Dead;
            }
            log.LogWarning(ex, "Outbox message {Key} could not be sent (attempt {Attempt})", message.Key, message.Attempts + 1);
            outbox.MarkFailed(message.Key, error, Later(now), policy, DeliveryFailure.PartsDelivered(ex));
            return outbox.Get(message.Key)?.Status == OutboxStatus.Dead ? Outcome.Dead : Outcome.Failed;
        }
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
        if (reference.ChannelId == "wecom" && (message.Markdown is not null || message.MentionUserIds.Count > 0 || message.PartsDelivered > 0))
        {
            // The WeCom sender reads these: webhook markdown with <@userid> mentions, mentioned_list for text, and
            // how many of its posts an earlier attempt got out (not posted again).
            var data = activity.ChannelData is { ValueKind: JsonValueKind.Object } existing ? JsonObject.Create(existing)! : new JsonObject();
            if (message.Markdown is not null) data["markdown"] = message.Markdown;
            if (message.MentionUserIds.Count > 0)
                data["mentionedList"] = new JsonArray(message.MentionUserIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
            data["outboxKey"] = message.Key;
            if (message.PartsDelivered > 0) data["partsDelivered"] = message.PartsDelivered;
            activity.ChannelData = JsonSerializer.SerializeToElement(data);
        }
        return activity;
    }
}
