using ChatBot.Cards;

namespace ChatBot.Bot.Conversation;

/// <summary>
/// The answer to a card click or submission that nothing is waiting for any more (answered already, or its dialog or
/// button keys have expired), the same on every channel.
/// </summary>
internal static class StaleCard
{
    public static string Message(Lang lang) => lang.T(
        "这张卡片已经处理过或已过期:已处理的无需重复提交,未完成的请重新发起命令。",
        "This card was already handled or has expired: if it was handled there is nothing more to do; otherwise please start the command again.");
}
