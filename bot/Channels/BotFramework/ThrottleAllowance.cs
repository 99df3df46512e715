namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// How long one turn's replies may wait, in all, for the per-conversation send limits
/// (<see cref="ConversationSendThrottle.Allow"/>). Used by one turn's replies, one after another.
/// </summary>
internal sealed class ThrottleAllowance(TimeSpan total)
{
    private long _remainingTicks = Math.Max(0, total.Ticks);

    public TimeSpan Remaining => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _remainingTicks)));

    public void Spend(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero) Interlocked.Add(ref _remainingTicks, -wait.Ticks);
    }
}
