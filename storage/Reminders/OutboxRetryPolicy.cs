using LiteDB;

namespace ChatBot.Storage.Reminders;

/// <summary>How often and how patiently a failed send is retried.</summary>
public sealed record OutboxRetryPolicy(int MaxAttempts = 8, double BaseDelaySeconds = 30, double MaxDelaySeconds = 3600, double Jitter = 0.2)
{
    public static readonly OutboxRetryPolicy Default = new();

    /// <summary>Exponential backoff: base·2^(attempts-1), capped, spread by ±jitter so a recovered channel is not hit all at once.</summary>
    public TimeSpan DelayAfter(int attempts, double random01)
    {
        var seconds = Math.Min(MaxDelaySeconds, BaseDelaySeconds * Math.Pow(2, Math.Max(0, attempts - 1)));
        var spread = 1 + Jitter * (2 * Math.Clamp(random01, 0, 1) - 1);
        return TimeSpan.FromSeconds(seconds * spread);
    }
}
