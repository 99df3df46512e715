namespace ChatBot.Bot.Hosting.Housekeeping;

/// <summary>A clean-up of records nothing reads any more, run every hour by <see cref="HousekeepingService"/>.</summary>
internal interface IHousekeepingTask
{
    /// <returns>How many records it removed.</returns>
    int Run(DateTimeOffset nowUtc);
}
