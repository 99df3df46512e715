using ChatBot.Bot.Reminders;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// A turn's reply was not sent because the conversation's send limit would have made the turn wait longer than its
/// <see cref="ThrottleAllowance"/>. Nothing went out; the reply goes to the outbox and leaves once the limit allows.
/// </summary>
internal sealed class ConversationThrottledException(string conversationId, TimeSpan wait)
    : Exception($"The send limit of conversation '{conversationId}' allows the next message in {wait.TotalSeconds:0.#} s"),
      IDeliveryFailure, IDeliveryPostponed
{
    public bool IsTransient => true;
    public bool IsOutage => false; // one conversation is busy, the Connector is fine
    public int PartsDelivered => 0;
    public TimeSpan RetryAfter => wait;
}
