namespace ChatBot.Bot.Conversation;

/// <summary>What a channel can show; the engine's only knowledge of which channel it serves.</summary>
internal sealed record ChannelCapabilities(
    bool AdaptiveCards,
    bool UpdateActivity,
    bool Mentions,
    bool Markdown,
    /// <summary>Forms can be filled in (natively, or on a web page the channel links to).</summary>
    bool FormCards)
{
    public static readonly ChannelCapabilities Full = new(true, true, true, true, true);
    public static readonly ChannelCapabilities TextOnly = new(false, false, false, false, false);
}
