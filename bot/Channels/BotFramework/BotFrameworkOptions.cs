namespace ChatBot.Bot.Channels.BotFramework;

internal sealed class BotFrameworkOptions
{
    public const string Section = "BotFramework";
    /// <summary>The bot's Microsoft App ID. Empty: inbound authentication is off (local use only).</summary>
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    /// <summary>For SingleTenant bots: the tenant that owns the app registration.</summary>
    public string? MicrosoftAppTenantId { get; set; }
    /// <summary>MultiTenant or SingleTenant.</summary>
    public string MicrosoftAppType { get; set; } = "MultiTenant";
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string TokenIssuer { get; set; } = "https://api.botframework.com";
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";
    /// <summary>OpenID metadata for tokens the Bot Framework Emulator (Azure AD v1/v2 tokens) sends.</summary>
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";
    /// <summary>Accept Emulator (Azure AD) tokens as well as Bot Connector tokens.</summary>
    public bool AllowEmulatorTokens { get; set; } = true;
    /// <summary>Largest accepted request body.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
    /// <summary>
    /// Hosts the bot sends to (and puts its token on). An entry matches the host itself or any subdomain of it;
    /// an entry ending in ".*" matches hosts starting with that label. Null: <see cref="DefaultServiceUrlHosts"/>.
    /// http is only ever allowed for localhost / 127.0.0.1 / [::1] (Emulator and local tools).
    /// </summary>
    public string[]? AllowedServiceUrlHosts { get; set; }
    /// <summary>Retries of a failed Connector call (429, 5xx, network errors).</summary>
    public int ConnectorMaxRetries { get; set; } = 4;
    /// <summary>First backoff delay; doubles on each retry, with jitter.</summary>
    public TimeSpan ConnectorRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>The longest a Retry-After is honoured before giving up on the call.</summary>
    public TimeSpan ConnectorMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// The longest a turn's replies wait, in all, for a conversation's send limits (Teams: 7 per second … 60 per 30 s)
    /// before the rest leave through the outbox: the Bot Connector gives up on /api/messages after about 15 s.
    /// </summary>
    public TimeSpan TurnThrottleAllowance { get; set; } = ConnectorAdapter.DefaultThrottleAllowance;

    public static readonly string[] DefaultServiceUrlHosts =
        ["botframework.com", "trafficmanager.net", "teams.microsoft.com", "localhost", "127.0.0.1"];

    public IReadOnlyList<string> ServiceUrlHosts => AllowedServiceUrlHosts is { Length: > 0 } hosts ? hosts : DefaultServiceUrlHosts;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
