using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>The signing keys inbound tokens are checked against. Tests supply locally generated keys.</summary>
internal interface ISigningKeyProvider
{
    /// <summary>The currently known keys; <paramref name="refresh"/> asks for a re-fetch (used on an unknown kid).</summary>
    Task<IReadOnlyList<EndorsedKey>> GetKeysAsync(TokenSource source, bool refresh, CancellationToken ct);
}
