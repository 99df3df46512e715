using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Bot.Hosting.Housekeeping;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>
/// Prunes what the WeCom channel stores for a while: processed message ids (kept a day; WeCom redelivers within
/// seconds), expired card button keys and expired web forms. Runs on the schedule whichever WeCom mode is in use.
/// </summary>
internal sealed class WeComHousekeeping(ProcessedActivityStore processed, WeComCardActionStore cardActions, WeComFormTokens forms)
    : IHousekeepingTask
{
    public static readonly TimeSpan ProcessedIdsKept = TimeSpan.FromDays(1);

    public int Run(DateTimeOffset nowUtc) =>
        processed.Prune(nowUtc - ProcessedIdsKept) + cardActions.PruneExpired(nowUtc) + forms.PruneExpired(nowUtc);
}
