using ChatBot.Bot.Reminders;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// A push this instance cannot make because another instance holds the robot's long connection: not an attempt (the
/// outbox keeps the message, uncounted, for the holder, which runs the reminder rounds).
/// </summary>
internal sealed class WeComRobotHeldElsewhereException(string botId)
    : InvalidOperationException($"Another instance holds WeCom robot {botId}'s long connection; it sends this."), IDeliveryPostponed
{
    public TimeSpan RetryAfter => TimeSpan.Zero;
}
