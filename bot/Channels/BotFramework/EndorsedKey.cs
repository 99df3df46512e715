using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>A signing key with the channel ids it may sign activities for (empty for Azure AD keys).</summary>
internal sealed record EndorsedKey(SecurityKey Key, IReadOnlyList<string> Endorsements)
{
    public string? KeyId => Key.KeyId;
}
