using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Inbound authentication switched off (no app id configured: local development only).</summary>
internal sealed class DisabledAuthenticator : IBotFrameworkAuthenticator
{
    public Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken ct) =>
        Task.FromResult(AuthenticationResult.Ok);
}
