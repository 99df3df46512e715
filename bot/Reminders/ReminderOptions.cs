namespace ChatBot.Bot.Reminders;

/// <summary>The "Reminders" configuration section.</summary>
internal sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>False: no background loop (tests drive <see cref="ReminderScheduler.RunOnceAsync"/> themselves).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>How often the scheduler wakes up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// With several instances on PostgreSQL, how often an instance that does not run the reminders asks to (it takes
    /// over when the leader is gone). At most 10 s, so reminders continue within 30 s of the leader's death.
    /// </summary>
    public TimeSpan LeaderRetry { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Messages sent per round; a tick sends round after round while rounds come back full (for at most its Interval).</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>How long a claimed message stays invisible to other senders while it is being sent.</summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);
    public int MaxAttempts { get; set; } = 8;
    public double BaseRetrySeconds { get; set; } = 30;
    public double MaxRetrySeconds { get; set; } = 3600;
    /// <summary>How long a message waits for its conversation reference before it is given up.</summary>
    public TimeSpan MissingReferenceGiveUp { get; set; } = TimeSpan.FromDays(1);
    public TimeSpan MissingReferenceRetry { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Days a sent or given-up message stays in the outbox (for admins to look at, and because its key keeps the same
    /// reminder from being queued again); then it is removed. 0 keeps them for ever. Fewer than
    /// <see cref="MinKeepFinishedDays"/> counts as that many.
    /// </summary>
    public int KeepFinishedDays { get; set; } = 30;

    /// <summary>
    /// A source offers a key again only while its window is open, a week at most (the Monday digest of an ISO week;
    /// daily lists for a day, study reminders until the session starts): a key must outlive that.
    /// </summary>
    public const int MinKeepFinishedDays = 8;

    // Replies a turn could not deliver (the channel was down): kept in the outbox and retried until they expire.
    /// <summary>How long an undelivered reply is kept trying before it is given up.</summary>
    public TimeSpan ReplyExpiry { get; set; } = TimeSpan.FromHours(24);
    /// <summary>The longest wait between two attempts of an undelivered reply (backoff from BaseRetrySeconds).</summary>
    public double ReplyMaxRetrySeconds { get; set; } = 300;

    /// <summary>
    /// A holiday-calendar file (same shape as bot/Reminders/Calendar/china-holidays.json) adding years or correcting
    /// dates of the shipped calendar; empty: the shipped calendar only.
    /// </summary>
    public string? HolidayCalendarFile { get; set; }

    // Workspace defaults (a workspace's Settings override them).
    public string ReminderTime { get; set; } = "09:00";
    public string QuietHours { get; set; } = "21:00-08:00";
}
