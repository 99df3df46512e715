namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>
/// The built-in Direct Line 3.0 service behind the Web Chat page. It is a local service: anyone who can reach the
/// bot's HTTP port can open a conversation, so expose it only on localhost or a trusted office network.
/// </summary>
internal sealed class DirectLineOptions
{
    public const string Section = "DirectLine";
    /// <summary>Lifetime of a conversation token; a client refreshes it through /tokens/refresh.</summary>
    public int TokenLifetimeSeconds { get; set; } = 1800;
    /// <summary>Conversations kept in memory; the least recently active ones are dropped beyond this.</summary>
    public int MaxConversations { get; set; } = 500;
    /// <summary>A conversation with no activity for this long is dropped.</summary>
    public int IdleMinutes { get; set; } = 24 * 60;
    /// <summary>Activities kept per conversation (older ones are dropped; clients have long received them).</summary>
    public int MaxActivitiesPerConversation { get; set; } = 500;
    /// <summary>Largest accepted request body.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
    /// <summary>
    /// Off by default: only clients on this machine (loopback) may use the page and Direct Line, because everyone who
    /// can open it acts on the local workspace. Turn on only on a trusted office network.
    /// </summary>
    public bool AllowRemoteClients { get; set; }
    /// <summary>Interval of the empty keep-alive frames on the WebSocket stream.</summary>
    public int KeepAliveSeconds { get; set; } = 15;
}
