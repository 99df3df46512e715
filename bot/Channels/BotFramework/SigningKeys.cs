using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Who issued an inbound token: the Bot Connector service, or the Bot Framework Emulator (Azure AD).</summary>
internal enum TokenSource { BotConnector, Emulator }

/// <summary>A signing key with the channel ids it may sign activities for (empty for Azure AD keys).</summary>
internal sealed record EndorsedKey(SecurityKey Key, IReadOnlyList<string> Endorsements)
{
    public string? KeyId => Key.KeyId;
}

/// <summary>The signing keys inbound tokens are checked against. Tests supply locally generated keys.</summary>
internal interface ISigningKeyProvider
{
    /// <summary>The currently known keys; <paramref name="refresh"/> asks for a re-fetch (used on an unknown kid).</summary>
    Task<IReadOnlyList<EndorsedKey>> GetKeysAsync(TokenSource source, bool refresh, CancellationToken ct);
}

/// <summary>
/// Keys from the OpenID metadata documents (Bot Connector, and Azure AD for the Emulator), cached and refreshed by
/// <see cref="ConfigurationManager{T}"/>: every 12 hours, and on demand at most every 5 minutes.
/// </summary>
internal sealed class OpenIdSigningKeyProvider : ISigningKeyProvider
{
    public const string HttpClientName = "BotFramework.OpenIdMetadata";
    private const string EndorsementsKey = "endorsements";
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _botConnector;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _emulator;

    public OpenIdSigningKeyProvider(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients)
    {
        var documents = new FactoryDocumentRetriever(httpClients);
        var retriever = new EndorsingConfigurationRetriever();
        _botConnector = Manager(options.Value.OpenIdMetadataUrl);
        _emulator = Manager(options.Value.EmulatorOpenIdMetadataUrl);

        ConfigurationManager<OpenIdConnectConfiguration> Manager(string url) => new(url, retriever, documents)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
    }

    public async Task<IReadOnlyList<EndorsedKey>> GetKeysAsync(TokenSource source, bool refresh, CancellationToken ct)
    {
        var manager = source == TokenSource.Emulator ? _emulator : _botConnector;
        if (refresh) manager.RequestRefresh();
        var config = await manager.GetConfigurationAsync(ct);
        return ToEndorsedKeys(config);
    }

    internal static IReadOnlyList<EndorsedKey> ToEndorsedKeys(OpenIdConnectConfiguration config)
    {
        var endorsementsByKid = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var jwk in config.JsonWebKeySet?.Keys ?? [])
            if (jwk.Kid is { } kid)
                endorsementsByKid[kid] = jwk.AdditionalData.TryGetValue(EndorsementsKey, out var e) && e is IReadOnlyList<string> list ? list : [];
        return config.SigningKeys
            .Select(k => new EndorsedKey(k, k.KeyId is { } kid && endorsementsByKid.TryGetValue(kid, out var e) ? e : []))
            .ToList();
    }

    /// <summary>
    /// Reads the metadata document and its JWKS. The Bot Connector's JWKS carries a non-standard "endorsements"
    /// array per key, so the raw JSON is parsed here and the list stored (as string[]) in each key's AdditionalData.
    /// </summary>
    internal sealed class EndorsingConfigurationRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var config = OpenIdConnectConfiguration.Create(await retriever.GetDocumentAsync(address, cancel));
            if (string.IsNullOrEmpty(config.JwksUri)) return config;
            var jwksJson = await retriever.GetDocumentAsync(config.JwksUri, cancel);
            ApplyJwks(config, jwksJson);
            return config;
        }

        internal static void ApplyJwks(OpenIdConnectConfiguration config, string jwksJson)
        {
            var set = new JsonWebKeySet(jwksJson);
            var endorsements = ParseEndorsements(jwksJson);
            foreach (var key in set.Keys)
                key.AdditionalData[EndorsementsKey] = key.Kid is { } kid && endorsements.TryGetValue(kid, out var e) ? e : Array.Empty<string>();
            config.JsonWebKeySet = set;
            config.SigningKeys.Clear();
            foreach (var key in set.GetSigningKeys()) config.SigningKeys.Add(key);
        }

        internal static Dictionary<string, string[]> ParseEndorsements(string jwksJson)
        {
            var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
            using var doc = JsonDocument.Parse(jwksJson);
            if (!doc.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array) return result;
            foreach (var key in keys.EnumerateArray())
            {
                if (!key.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String) continue;
                result[kid.GetString()!] = key.TryGetProperty(EndorsementsKey, out var e) && e.ValueKind == JsonValueKind.Array
                    ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
                    : [];
            }
            return result;
        }
    }

    /// <summary>Fetches metadata over HTTPS only, through IHttpClientFactory (pooled handlers, DNS refresh).</summary>
    private sealed class FactoryDocumentRetriever(IHttpClientFactory httpClients) : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (!address.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"OpenID metadata must be fetched over https: {address}");
            using var client = httpClients.CreateClient(HttpClientName);
            return await client.GetStringAsync(address, cancel);
        }
    }
}
