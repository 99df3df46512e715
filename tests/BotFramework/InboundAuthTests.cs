using System.Net;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Tests.BotFramework;

/// <summary>Inbound JWT checks through the real HTTP pipeline, with locally generated RSA keys.</summary>
public class InboundAuthTests : IDisposable
{
    private readonly TestSigningKeys _keys = new();
    private readonly BotHost _host;

    public InboundAuthTests()
    {
        _host = new BotHost(
            settings: new() { ["BotFramework:MicrosoftAppId"] = TestSigningKeys.AppId },
            configure: services =>
            {
                services.RemoveAll<ISigningKeyProvider>();
                services.AddSingleton<ISigningKeyProvider>(_keys);
            });
    }

    public void Dispose() => _host.Dispose();

    private DateTimeOffset Now => _host.Clock.GetUtcNow();

    private async Task<(HttpStatusCode Status, string Body, int Replies)> Post(Activity activity, string? token)
    {
        var before = _host.Connector.Sent.Count;
        var response = await _host.PostAsync(activity, token is null ? null : "Bearer " + token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), _host.Connector.Sent.Count - before);
    }

    private static Activity Help(string channel = "msteams") => Activities.Message("帮助", channel: channel);

    [Fact]
    public void Real_authenticator_is_used_when_an_app_id_is_configured()
    {
        Assert.IsType<JwtBotAuthenticator>(_host.Service<IBotFrameworkAuthenticator>());
        using var open = new BotHost();
        Assert.IsType<DisabledAuthenticator>(open.Service<IBotFrameworkAuthenticator>());
    }

    [Fact]
    public async Task Valid_connector_token_is_accepted_and_answered()
    {
        var a = Help();
        var (status, _, replies) = await Post(a, TestSigningKeys.Token(_keys.Connector, Now, serviceUrl: a.ServiceUrl));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, replies);
    }

    [Fact]
    public async Task Token_expired_within_the_5_minute_skew_is_accepted()
    {
        var token = TestSigningKeys.Token(_keys.Connector, Now, lifetime: TimeSpan.FromMinutes(30), age: TimeSpan.FromMinutes(34));
        Assert.Equal(HttpStatusCode.OK, (await Post(Help(), token)).Status);
    }

    [Fact]
    public async Task Token_not_yet_valid_within_skew_is_accepted()
    {
        var token = TestSigningKeys.Token(_keys.Connector, Now, age: TimeSpan.FromMinutes(-3));
        Assert.Equal(HttpStatusCode.OK, (await Post(Help(), token)).Status);
    }

    [Fact]
    public async Task Missing_header_is_401_with_a_reason()
    {
        var (status, body, replies) = await Post(Help(), null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("bearer token is required", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.Equal(0, replies);
    }

    [Fact]
    public async Task Garbage_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Help(), "not-a-jwt")).Status);
    }

    [Fact]
    public async Task Bad_signature_is_401()
    {
        // Same kid as a published key, but signed by a key nobody published.
        var forged = TestSigningKeys.NewKey(_keys.Connector.KeyId);
        var (status, body, replies) = await Post(Help(), TestSigningKeys.Token(forged, Now));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("bad signature", body);
        Assert.Equal(0, replies);
    }

    [Fact]
    public async Task Unknown_key_id_triggers_a_key_refresh_then_401()
    {
        var before = _keys.Refreshes;
        var (status, body, _) = await Post(Help(), TestSigningKeys.Token(TestSigningKeys.NewKey("rolled-over"), Now));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("signing key is unknown", body);
        Assert.Equal(before + 1, _keys.Refreshes);
    }

    [Fact]
    public async Task Wrong_audience_is_401()
    {
        var (status, body, _) = await Post(Help(), TestSigningKeys.Token(_keys.Connector, Now, audience: "another-bot"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("wrong audience", body);
    }

    [Fact]
    public async Task Wrong_issuer_is_401()
    {
        var (status, body, _) = await Post(Help(), TestSigningKeys.Token(_keys.Connector, Now, issuer: "https://evil.example.com"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("wrong issuer", body);
    }

    [Fact]
    public async Task Expired_beyond_the_skew_is_401()
    {
        var token = TestSigningKeys.Token(_keys.Connector, Now, lifetime: TimeSpan.FromMinutes(30), age: TimeSpan.FromMinutes(36));
        var (status, body, _) = await Post(Help(), token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("expired", body);
    }

    [Fact]
    public async Task Not_yet_valid_beyond_the_skew_is_401()
    {
        var token = TestSigningKeys.Token(_keys.Connector, Now, age: TimeSpan.FromMinutes(-6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Help(), token)).Status);
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_channel_is_401()
    {
        var token = TestSigningKeys.Token(_keys.TeamsOnly, Now);
        var (status, body, _) = await Post(Help("webchat"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("not endorsed for channel 'webchat'", body);
        // The same key is fine for the channel it is endorsed for.
        Assert.Equal(HttpStatusCode.OK, (await Post(Help("msteams"), token)).Status);
    }

    [Fact]
    public async Task ServiceUrl_claim_mismatch_is_401()
    {
        var token = TestSigningKeys.Token(_keys.Connector, Now, serviceUrl: "https://smba.trafficmanager.net/emea/");
        var (status, body, replies) = await Post(Help(), token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("serviceUrl", body);
        Assert.Equal(0, replies);
    }

    [Fact]
    public async Task Hs256_token_is_401()
    {
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://api.botframework.com",
            Audience = TestSigningKeys.AppId,
            Expires = Now.AddHours(1).UtcDateTime,
            NotBefore = Now.AddMinutes(-1).UtcDateTime,
            IssuedAt = Now.AddMinutes(-1).UtcDateTime,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]) { KeyId = _keys.Connector.KeyId }, SecurityAlgorithms.HmacSha256),
        });
        var (status, body, _) = await Post(Help(), token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("RS256", body);
    }

    [Fact]
    public async Task Emulator_v1_and_v2_tokens_with_our_app_id_are_accepted()
    {
        var v1 = TestSigningKeys.Token(_keys.Emulator, Now, issuer: JwtBotAuthenticator.EmulatorIssuers[0], audience: "https://api.botframework.com",
            claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = TestSigningKeys.AppId });
        Assert.Equal(HttpStatusCode.OK, (await Post(Help("emulator"), v1)).Status);

        var v2 = TestSigningKeys.Token(_keys.Emulator, Now, issuer: JwtBotAuthenticator.EmulatorIssuers[3], audience: TestSigningKeys.AppId,
            claims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = TestSigningKeys.AppId });
        Assert.Equal(HttpStatusCode.OK, (await Post(Help("emulator"), v2)).Status);
    }

    [Fact]
    public async Task Emulator_token_for_another_app_is_401()
    {
        var token = TestSigningKeys.Token(_keys.Emulator, Now, issuer: JwtBotAuthenticator.EmulatorIssuers[0],
            claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = "someone-else" });
        var (status, body, _) = await Post(Help("emulator"), token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("appid", body);
    }

    [Fact]
    public async Task Connector_key_cannot_sign_an_emulator_issued_token()
    {
        // Emulator issuers are checked against the Azure AD keys only.
        var token = TestSigningKeys.Token(_keys.Connector, Now, issuer: JwtBotAuthenticator.EmulatorIssuers[0],
            claims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = TestSigningKeys.AppId });
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(Help("emulator"), token)).Status);
    }
}
