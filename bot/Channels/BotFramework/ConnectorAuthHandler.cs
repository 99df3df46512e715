using System.Net.Http.Headers;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Outbound to the Connector: refuses any host outside the allow-list (the token must never reach an arbitrary
/// server named by a serviceUrl) and then puts the bot's bearer token on the request.
/// </summary>
internal sealed class ConnectorAuthHandler(IAppCredentials credentials, ServiceUrlPolicy policy) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (!policy.IsAllowed(request.RequestUri))
            throw new ServiceUrlNotAllowedException(request.RequestUri);
        var token = await credentials.GetTokenAsync(ct);
        request.Headers.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, ct);
    }
}
