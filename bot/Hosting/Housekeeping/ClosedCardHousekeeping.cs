using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Hosting.Housekeeping;

/// <summary>
/// Forgets the form cards closed more than <see cref="Kept"/> ago, far longer than a form stays on anyone's screen in
/// use. A click on such an old card is then taken as a new submit (a mediation form's own id still stops a second case).
/// </summary>
internal sealed class ClosedCardHousekeeping(ClosedCardStore closedCards) : IHousekeepingTask
{
    public static readonly TimeSpan Kept = TimeSpan.FromDays(180);

    public int Run(DateTimeOffset nowUtc) => closedCards.Prune(nowUtc - Kept);
}
