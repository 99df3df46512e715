using ChatBot.Bot.Channels.BotFramework.Schema;

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
    /// <summary>Largest accepted request body.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}

internal sealed record AuthenticationResult(bool Succeeded, string? Error = null)
{
    public static readonly AuthenticationResult Ok = new(true);
    public static AuthenticationResult Fail(string error) => new(false, error);
}

/// <summary>Verifies the bearer token the Bot Connector service puts on every request to /api/messages.</summary>
internal interface IBotFrameworkAuthenticator
{
    Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken ct);
}

/// <summary>The Bot Connector REST API v3, at the activity's serviceUrl.</summary>
internal interface IConnectorClient
{
    /// <summary>Replies to activity.ReplyToId when set, else sends to the conversation.</summary>
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken ct);
    Task UpdateAsync(Activity activity, CancellationToken ct);
}
