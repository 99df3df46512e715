using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Keys from the OpenID metadata documents (Bot Connector, and Azure AD for the Emulator), cached and refreshed every
/// 12 hours by <see cref="ConfigurationManager{T}"/>. A refresh request (unknown kid) re-fetches the documents at once,
/// at most every 5 minutes per source: ConfigurationManager.RequestRefresh alone only refreshes in the background,
/// so the request that met the new key would still fail.
/// </summary>
internal sealed class OpenIdSigningKeyProvider : ISigningKeyProvider
{
    public const string HttpClientName = "BotFramework.OpenIdMetadata";
    public static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinimumForcedRefreshInterval = TimeSpan.FromMinutes(5);
    private const string EndorsementsKey = "endorsements";
    private readonly Source _botConnector;
    private readonly Source _emulator;
    private readonly TimeProvider _clock;

    public OpenIdSigningKeyProvider(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClients, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        var documents = new FactoryDocumentRetriever(httpClients);
        _botConnector = new Source(options.Value.OpenIdMetadataUrl, documents);
        _emulator = new Source(options.Value.EmulatorOpenIdMetadataUrl, documents);
    }

    private sealed class Source
    {
        public readonly string Url;
        public readonly IDocumentRetriever Documents;
        public readonly EndorsingConfigurationRetriever Retriever = new();
        public readonly ConfigurationManager<OpenIdConnectConfiguration> Manager;
        public readonly SemaphoreSlim ForceGate = new(1, 1);
        public OpenIdConnectConfiguration? Forced;
        public DateTimeOffset ForcedAt = DateTimeOffset.MinValue;

        public Source(string url, IDocumentRetriever documents)
        {
            Url = url;
            Documents = documents;
            Manager = new(url, Retriever, documents)
            {
                AutomaticRefreshInterval = OpenIdSigningKeyProvider.AutomaticRefreshInterval,
                RefreshInterval = MinimumForcedRefreshInterval,
            };
        }
    }

    public async Task<IReadOnlyList<EndorsedKey>> GetKeysAsync(TokenSource source, bool refresh, CancellationToken ct)
    {
        var s = source == TokenSource.Emulator ? _emulator : _botConnector;
        var config = await s.Manager.GetConfigurationAsync(ct);
        if (refresh) await ForceRefreshAsync(s, ct);
        var forced = s.Forced is { } f && _clock.GetUtcNow() - s.ForcedAt < AutomaticRefreshInterval ? f : null;
        var keys = ToEndorsedKeys(config);
        if (forced is null) return keys;
        // Both documents came from the metadata endpoint; the fresher one wins for a kid present in both.
        var fresh = ToEndorsedKeys(forced);
        return fresh.Concat(keys.Where(k => !fresh.Any(x => x.KeyId == k.KeyId))).ToList();
    }

    private async Task ForceRefreshAsync(Source s, CancellationToken ct)
    {
        await s.ForceGate.WaitAsync(ct);
        try
        {
            var now = _clock.GetUtcNow();
            if (now - s.ForcedAt < MinimumForcedRefreshInterval) return;
            s.ForcedAt = now;
            // Kept for one automatic interval: by then the manager's own scheduled refresh has caught up.
            s.Forced = await s.Retriever.GetConfigurationAsync(s.Url, s.Documents, ct);
        }
        finally { s.ForceGate.Release(); }
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
