using System.Security.Cryptography;
using ChatBot.Bot.Channels.BotFramework;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Tests.BotFramework;

/// <summary>Locally generated RSA signing keys standing in for the Bot Connector's published keys.</summary>
internal sealed class TestSigningKeys : ISigningKeyProvider
{
    public const string AppId = "11111111-2222-3333-4444-555555555555";

    public TestSigningKeys()
    {
        Connector = NewKey("connector-key");
        TeamsOnly = NewKey("teams-only-key");
        Emulator = NewKey("emulator-key");
    }

    public RsaSecurityKey Connector { get; }
    public RsaSecurityKey TeamsOnly { get; }
    public RsaSecurityKey Emulator { get; }
    public int Refreshes;

    public Task<IReadOnlyList<EndorsedKey>> GetKeysAsync(TokenSource source, bool refresh, CancellationToken ct)
    {
        if (refresh) Interlocked.Increment(ref Refreshes);
        IReadOnlyList<EndorsedKey> keys = source == TokenSource.Emulator
            ? [new EndorsedKey(Public(Emulator), [])]
            : [new EndorsedKey(Public(Connector), ["msteams", "webchat", "directline", "emulator"]), new EndorsedKey(Public(TeamsOnly), ["msteams"])];
        return Task.FromResult(keys);
    }

    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>Only the public half is "published", as with the real JWKS.</summary>
    private static RsaSecurityKey Public(RsaSecurityKey key) => new(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId };

    public static string Token(RsaSecurityKey key, DateTimeOffset now, string issuer = "https://api.botframework.com", string audience = AppId,
        string? serviceUrl = null, TimeSpan? lifetime = null, TimeSpan? age = null, IDictionary<string, object>? claims = null)
    {
        var issued = now - (age ?? TimeSpan.FromMinutes(1));
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (serviceUrl is not null) all["serviceurl"] = serviceUrl;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = (issued + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Claims = all,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
