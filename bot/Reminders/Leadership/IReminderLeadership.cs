namespace ChatBot.Bot.Reminders.Leadership;

/// <summary>
/// Which bot instance runs the reminder ticks. Several instances on one PostgreSQL database would otherwise each collect
/// and send the same reminders; exactly one leads (<see cref="PostgresLeadership"/>), and a single process on its
/// embedded database always does (<see cref="LocalLeadership"/>).
/// </summary>
internal interface IReminderLeadership
{
    /// <summary>
    /// True when this instance leads now: a leader checks that it still holds the leadership, a follower tries to take
    /// it (free when the leader stopped or died). Never throws: a database that cannot be reached means "not leading".
    /// </summary>
    bool TryLead();
}
