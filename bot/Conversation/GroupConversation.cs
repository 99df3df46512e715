using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Conversation;

/// <summary>
/// Whether a conversation is a group (a Teams group chat or channel, a WeCom group) rather than a personal chat:
/// decides how a workspace is found and that parties' personal data is masked.
/// </summary>
internal static class GroupConversation
{
    /// <summary>isGroup when the channel sets it, else the conversation type (Teams sends only that for channels).</summary>
    public static bool Is(ConversationAccount? conversation) =>
        conversation?.IsGroup == true || conversation?.ConversationType is "groupChat" or "channel" or "group";
}
