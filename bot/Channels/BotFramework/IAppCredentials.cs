using Microsoft.Identity.Client;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>The bot's own access token for calls to the Bot Connector service.</summary>
internal interface IAppCredentials
{
    /// <summary>A bearer token, or null when no app id is configured (local tools accept unauthenticated calls).</summary>
    Task<string?> GetTokenAsync(CancellationToken ct);
}
