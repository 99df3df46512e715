using System.Security.Cryptography;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Tests.BotFramework;

/// <summary>The real metadata → JWKS → endorsements path, fed from memory instead of the network.</summary>
public class SigningKeyProviderTests
{
    private sealed class InMemoryDocuments(Dictionary<string, string> documents) : IDocumentRetriever
    {
        public readonly List<string> Fetched = new();
        public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            Fetched.Add(address);
            return Task.FromResult(documents[address]);
        }
    }

    private sealed class ConfigKeys(OpenIdConnectConfiguration config) : ISigningKeyProvider
    {
        public Task<IReadOnlyList<EndorsedKey>> GetKeysAsync(TokenSource source, bool refresh, CancellationToken ct) =>
            Task.FromResult(OpenIdSigningKeyProvider.ToEndorsedKeys(config));
    }

    private static string Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var p = key.Rsa.ExportParameters(false);
        var list = string.Join(",", endorsements.Select(e => $"\"{e}\""));
        return $$"""{"kty":"RSA","use":"sig","kid":"{{key.KeyId}}","n":"{{Base64UrlEncoder.Encode(p.Modulus)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent)}}","endorsements":[{{list}}]}""";
    }

    [Fact]
    public async Task Endorsements_from_the_jwks_reach_the_authenticator()
    {
        var teams = TestSigningKeys.NewKey("k-teams");
        var webchat = TestSigningKeys.NewKey("k-webchat");
        const string metadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
        const string jwksUrl = "https://login.botframework.com/v1/.well-known/keys";
        var documents = new InMemoryDocuments(new()
        {
            [metadataUrl] = $$"""{"issuer":"https://api.botframework.com","jwks_uri":"{{jwksUrl}}","id_token_signing_alg_values_supported":["RS256"]}""",
            [jwksUrl] = $$"""{"keys":[{{Jwk(teams, "msteams", "skype")}},{{Jwk(webchat, "webchat")}}]}""",
        });

        var manager = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl, new OpenIdSigningKeyProvider.EndorsingConfigurationRetriever(), documents);
        var config = await manager.GetConfigurationAsync(default);
        Assert.Equal([metadataUrl, jwksUrl], documents.Fetched);

        var keys = OpenIdSigningKeyProvider.ToEndorsedKeys(config);
        Assert.Equal(["msteams", "skype"], keys.Single(k => k.KeyId == "k-teams").Endorsements);
        Assert.Equal(["webchat"], keys.Single(k => k.KeyId == "k-webchat").Endorsements);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new BotFrameworkOptions { MicrosoftAppId = TestSigningKeys.AppId });
        var auth = new JwtBotAuthenticator(options, new ConfigKeys(config), clock, NullLogger<JwtBotAuthenticator>.Instance);
        var teamsToken = "Bearer " + TestSigningKeys.Token(teams, clock.GetUtcNow());

        Assert.True((await auth.AuthenticateAsync(teamsToken, Activities.Message("hi", channel: "msteams"), default)).Succeeded);
        var wrongChannel = await auth.AuthenticateAsync(teamsToken, Activities.Message("hi", channel: "webchat"), default);
        Assert.False(wrongChannel.Succeeded);
        Assert.Contains("endorsed", wrongChannel.Error);
    }

    /// <summary>login.botframework.com on the wire: serves the metadata and a JWKS that can roll over.</summary>
    private sealed class MetadataServer : HttpMessageHandler, IHttpClientFactory
    {
        public string Jwks = """{"keys":[]}""";
        public readonly List<string> Requests = new();
        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (Requests) Requests.Add(request.RequestUri!.AbsoluteUri);
            var body = request.RequestUri!.AbsolutePath.EndsWith("/keys")
                ? Jwks
                : """{"issuer":"https://api.botframework.com","jwks_uri":"https://login.botframework.com/v1/.well-known/keys"}""";
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) });
        }
    }

    [Fact]
    public async Task Real_provider_caches_keys_and_refetches_when_asked_after_a_rollover()
    {
        var first = TestSigningKeys.NewKey("k1");
        var second = TestSigningKeys.NewKey("k2");
        var server = new MetadataServer { Jwks = $$"""{"keys":[{{Jwk(first, "msteams")}}]}""" };
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var provider = new OpenIdSigningKeyProvider(Options.Create(new BotFrameworkOptions()), server, clock);

        Assert.Equal(["k1"], (await provider.GetKeysAsync(TokenSource.BotConnector, false, default)).Select(k => k.KeyId));
        server.Jwks = $$"""{"keys":[{{Jwk(first, "msteams")}},{{Jwk(second, "msteams", "webchat")}}]}""";
        Assert.Equal(["k1"], (await provider.GetKeysAsync(TokenSource.BotConnector, false, default)).Select(k => k.KeyId)); // cached
        Assert.Equal(2, server.Requests.Count);

        var refreshed = await provider.GetKeysAsync(TokenSource.BotConnector, true, default);
        Assert.Equal(["k1", "k2"], refreshed.Select(k => k.KeyId).Order());
        Assert.Equal(["msteams", "webchat"], refreshed.Single(k => k.KeyId == "k2").Endorsements);
        Assert.Equal(4, server.Requests.Count);

        // Forced refreshes are rate-limited: a flood of unknown kids cannot hammer the metadata endpoint.
        await provider.GetKeysAsync(TokenSource.BotConnector, true, default);
        Assert.Equal(4, server.Requests.Count);
        clock.Advance(OpenIdSigningKeyProvider.MinimumForcedRefreshInterval);
        await provider.GetKeysAsync(TokenSource.BotConnector, true, default);
        Assert.Equal(6, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.StartsWith("https://login.botframework.com/v1/.well-known/", r));
    }

    [Fact]
    public void Keys_without_endorsements_get_an_empty_list()
    {
        var key = TestSigningKeys.NewKey("bare");
        var p = key.Rsa.ExportParameters(false);
        var jwks = $$"""{"keys":[{"kty":"RSA","use":"sig","kid":"bare","n":"{{Base64UrlEncoder.Encode(p.Modulus)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent)}}"}]}""";
        var config = new OpenIdConnectConfiguration();
        OpenIdSigningKeyProvider.EndorsingConfigurationRetriever.ApplyJwks(config, jwks);
        Assert.Empty(Assert.Single(OpenIdSigningKeyProvider.ToEndorsedKeys(config)).Endorsements);
    }
}
