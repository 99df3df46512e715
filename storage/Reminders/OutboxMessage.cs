using LiteDB;

namespace ChatBot.Storage.Reminders;

/// <summary>
/// A message the bot must deliver into a conversation by itself (reminder, digest, escalation). The id is a
/// deterministic key (e.g. "task/42/overdue/2026-03-10"), so the same reminder can never be queued twice.
/// </summary>
public sealed class OutboxMessage
{
    [BsonId] public string Key { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    /// <summary>What produced it: "task.overdue", "task.digest", "study.reminder", …</summary>
    public string Kind { get; set; } = "";
    /// <summary>The Bot Framework Activity to send, as UTF-8 JSON (cards, mention entities included).</summary>
    public byte[] ActivityUtf8 { get; set; } = [];
    /// <summary>
    /// The activity as a JSON string: how messages were saved before <see cref="ActivityUtf8"/> (read only when that is
    /// empty). The bytes skip two conversions of every reminder card (to a string, and back to UTF-8 in the database).
    /// </summary>
    public string? ActivityJson { get; set; }
    /// <summary>Plain markdown for channels without cards (WeCom webhook), with &lt;@userid&gt; mentions.</summary>
    public string? Markdown { get; set; }
    /// <summary>Channel user ids to mention (WeCom mentioned_list; Teams mentions are inside the activity).</summary>
    public List<string> MentionUserIds { get; set; } = new();
    public DateTimeOffset DueUtc { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptUtc { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentUtc { get; set; }
    /// <summary>The channel's id of the sent message, for later updates.</summary>
    public string? SentActivityId { get; set; }
    /// <summary>
    /// The conversation reference to deliver to, when it is not the workspace's own group (e.g. "personal:{userKey}"
    /// for an escalation to an admin). Null: the workspace's reference.
    /// </summary>
    public string? TargetReferenceId { get; set; }
    /// <summary>After this instant the message is stale (yesterday's overdue list) and is given up instead of sent.</summary>
    public DateTimeOffset? ExpiresUtc { get; set; }
    public DateTimeOffset? LastAttemptUtc { get; set; }
    /// <summary>While a sender holds the message (claimed, being sent): no other sender may take it before then.</summary>
    public DateTimeOffset? ClaimedUntilUtc { get; set; }
    /// <summary>
    /// Messages of one lane (a conversation's deferred replies) are delivered one after another in <see cref="Sequence"/>
    /// order: a later one never overtakes an earlier one that is still waiting. Null: no ordering (reminders).
    /// </summary>
    public string? Lane { get; set; }
    /// <summary>Position in the lane; assigned by the store on enqueue.</summary>
    public long Sequence { get; set; }
    /// <summary>For channels that deliver one message as several posts (WeCom: markdown, then a text with mentions):
    /// how many went out before an attempt failed, so the next attempt does not post them again.</summary>
    public int PartsDelivered { get; set; }
}
