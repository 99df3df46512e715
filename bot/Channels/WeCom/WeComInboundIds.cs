using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>
/// Handles each WeCom message once, across restarts too: WeCom redelivers a callback it got no answer to within
/// seconds. The smart robot's msgids share one key space whether they came by callback or over the long connection.
/// Old ids are pruned by <see cref="WeComHousekeeping"/>.
/// </summary>
internal sealed class WeComInboundIds(RecentIds recent, ProcessedActivityStore processed, TimeProvider clock)
{
    public bool FirstRobotDelivery(string msgId) => First("wecom-robot|" + msgId);

    public bool FirstAppDelivery(string dedupeKey) => First("wecom-app|" + dedupeKey);

    // Both are asked (no short circuit): the store must record an id the memory has already seen.
    private bool First(string key) => recent.TryAdd(key) & processed.TryMarkFirstSeen(key, clock.GetUtcNow());
}
