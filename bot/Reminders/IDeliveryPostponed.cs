namespace ChatBot.Bot.Reminders;

/// <summary>
/// A send that was not tried at all (e.g. a conversation's send limit would have held it too long): the outbox keeps
/// the message for <see cref="RetryAfter"/> without counting an attempt.
/// </summary>
internal interface IDeliveryPostponed
{
    TimeSpan RetryAfter { get; }
}
