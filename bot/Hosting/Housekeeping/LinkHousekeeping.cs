using ChatBot.Storage.Downloads;

namespace ChatBot.Bot.Hosting.Housekeeping;

/// <summary>Forgets the download files and chart links that have expired (they answer "expired" anyway).</summary>
internal sealed class LinkHousekeeping(LinkStore links) : IHousekeepingTask
{
    public int Run(DateTimeOffset nowUtc) => links.PruneExpired(nowUtc);
}
