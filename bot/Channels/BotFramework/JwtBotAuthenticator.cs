using ChatBot.Bot.Channels.BotFramework.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Verifies the JWT the Bot Connector service (or the Bot Framework Emulator) sends with every activity:
/// RS256 signature by a published key, issuer, audience = our app id, lifetime with 5 minutes of clock skew,
/// the key's endorsements cover the activity's channel, and the token's serviceUrl matches the activity's.
/// </summary>
internal sealed class JwtBotAuthenticator(
    IOptions<BotFrameworkOptions> options,
    ISigningKeyProvider keys,
    TimeProvider clock,
    ILogger<JwtBotAuthenticator> log) : IBotFrameworkAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Issuers of Azure AD v1/v2 tokens that the Emulator obtains for the bot's app id.</summary>
    public static readonly string[] EmulatorIssuers =
    [
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken ct)
    {
        var appId = options.Value.MicrosoftAppId;
        if (string.IsNullOrWhiteSpace(appId)) return AuthenticationResult.Ok; // not configured: DisabledAuthenticator's job

        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticationResult.Fail("A bearer token is required.");
        var raw = authorizationHeader["Bearer ".Length..].Trim();

        JsonWebToken token;
        try { token = Handler.ReadJsonWebToken(raw); }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        { return AuthenticationResult.Fail("The bearer token is not a valid JWT."); }

        if (token.Alg != SecurityAlgorithms.RsaSha256) return AuthenticationResult.Fail("Only RS256 tokens are accepted.");
        var fromEmulator = EmulatorIssuers.Contains(token.Issuer, StringComparer.Ordinal);
        if (fromEmulator && !options.Value.AllowEmulatorTokens) return AuthenticationResult.Fail("Emulator tokens are not accepted.");
        var source = fromEmulator ? TokenSource.Emulator : TokenSource.BotConnector;

        IReadOnlyList<EndorsedKey> signingKeys;
        try { signingKeys = await FindKeysAsync(source, token.Kid, ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Could not load the {Source} signing keys", source);
            return AuthenticationResult.Fail("The signing keys could not be loaded.");
        }
        if (signingKeys.Count == 0) return AuthenticationResult.Fail("The token's signing key is unknown.");

        var result = await Handler.ValidateTokenAsync(raw, Parameters(fromEmulator, appId, signingKeys));
        if (!result.IsValid)
        {
            log.LogInformation("Token rejected: {Error}", result.Exception?.Message);
            return AuthenticationResult.Fail($"The bearer token is invalid ({Describe(result.Exception)}).");
        }

        return fromEmulator ? CheckEmulatorClaims(token, appId) : CheckChannelClaims(token, signingKeys, activity);
    }

    private async Task<IReadOnlyList<EndorsedKey>> FindKeysAsync(TokenSource source, string? kid, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(kid)) return [];
        var matching = (await keys.GetKeysAsync(source, refresh: false, ct)).Where(k => k.KeyId == kid).ToList();
        if (matching.Count > 0) return matching;
        // An unknown kid usually means the keys rolled over: fetch them again (the provider rate-limits this).
        return (await keys.GetKeysAsync(source, refresh: true, ct)).Where(k => k.KeyId == kid).ToList();
    }

    private TokenValidationParameters Parameters(bool fromEmulator, string appId, IReadOnlyList<EndorsedKey> signingKeys) => new()
    {
        ValidIssuers = fromEmulator ? EmulatorIssuers : [options.Value.TokenIssuer],
        // Emulator tokens are checked by their appid/azp claim instead (see CheckEmulatorClaims).
        ValidateAudience = !fromEmulator,
        ValidAudience = appId,
        IssuerSigningKeys = signingKeys.Select(k => k.Key).ToList(),
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidLifetime,
    };

    /// <summary>Lifetime against the injected clock, so tests and production share one notion of now.</summary>
    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken _, TokenValidationParameters __)
    {
        if (expires is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && nbf > now + ClockSkew) return false;
        return expires.Value >= now - ClockSkew;
    }

    private static AuthenticationResult CheckChannelClaims(JsonWebToken token, IReadOnlyList<EndorsedKey> signingKeys, Activity activity)
    {
        if (!string.IsNullOrEmpty(activity.ChannelId) &&
            !signingKeys.Any(k => k.Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase)))
            return AuthenticationResult.Fail($"The signing key is not endorsed for channel '{activity.ChannelId}'.");

        if (token.TryGetPayloadValue<string>("serviceurl", out var claimed) && !string.IsNullOrEmpty(claimed)
            && !SameServiceUrl(claimed, activity.ServiceUrl))
            return AuthenticationResult.Fail("The token's serviceUrl does not match the activity's serviceUrl.");
        return AuthenticationResult.Ok;
    }

    private static AuthenticationResult CheckEmulatorClaims(JsonWebToken token, string appId)
    {
        // v1 tokens name the caller in "appid", v2 tokens in "azp".
        var version = token.TryGetPayloadValue<string>("ver", out var v) ? v : "1.0";
        var claim = version == "2.0" ? "azp" : "appid";
        return token.TryGetPayloadValue<string>(claim, out var caller) && string.Equals(caller, appId, StringComparison.Ordinal)
            ? AuthenticationResult.Ok
            : AuthenticationResult.Fail($"The Emulator token's {claim} claim is not this bot's app id.");
    }

    private static bool SameServiceUrl(string a, string? b) =>
        b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "bad signature",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException => "expired or not yet valid",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        _ => "validation failed",
    };
}
