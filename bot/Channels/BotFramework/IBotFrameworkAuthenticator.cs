using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Verifies the bearer token the Bot Connector service puts on every request to /api/messages.</summary>
internal interface IBotFrameworkAuthenticator
{
    Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken ct);
}
