using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// OAuth2 client credentials through MSAL. MSAL keeps the token in its in-memory app cache and only goes to
/// Azure AD when the cached token is near expiry, so calling this before every request is cheap.
/// </summary>
internal sealed class AppCredentials : IAppCredentials
{
    public const string BotFrameworkTenantAuthority = "https://login.microsoftonline.com/botframework.com";
    private readonly BotFrameworkOptions _options;
    private readonly Lazy<IConfidentialClientApplication?> _app;

    public AppCredentials(IOptions<BotFrameworkOptions> options)
    {
        _options = options.Value;
        _app = new(() => Build(_options));
    }

    public async Task<string?> GetTokenAsync(CancellationToken ct)
    {
        if (_app.Value is not { } app) return null;
        var result = await app.AcquireTokenForClient([_options.OAuthScope]).ExecuteAsync(ct);
        return result.AccessToken;
    }

    /// <summary>MultiTenant bots get tokens from the botframework.com tenant; SingleTenant bots from their own.</summary>
    public static string AuthorityFor(BotFrameworkOptions options)
    {
        if (!string.Equals(options.MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase))
            return BotFrameworkTenantAuthority;
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            throw new InvalidOperationException("BotFramework:MicrosoftAppTenantId is required when BotFramework:MicrosoftAppType is SingleTenant.");
        return $"https://login.microsoftonline.com/{Uri.EscapeDataString(options.MicrosoftAppTenantId.Trim())}";
    }

    private static IConfidentialClientApplication? Build(BotFrameworkOptions options)
    {
        if (!options.AuthenticationEnabled) return null;
        if (string.IsNullOrEmpty(options.MicrosoftAppPassword))
            throw new InvalidOperationException("BotFramework:MicrosoftAppPassword is required when BotFramework:MicrosoftAppId is set.");
        return ConfidentialClientApplicationBuilder.Create(options.MicrosoftAppId)
            .WithClientSecret(options.MicrosoftAppPassword)
            .WithAuthority(AuthorityFor(options))
            .Build();
    }
}
