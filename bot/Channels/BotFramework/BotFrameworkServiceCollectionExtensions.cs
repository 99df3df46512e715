using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers /api/messages: inbound JWT authentication (off when BotFramework:MicrosoftAppId is empty), and the
    /// Connector client with its token handler, host allow-list, Polly retries and per-conversation throttle, and the
    /// proactive sender for Teams / Azure Bot Service conversations.
    /// </summary>
    public static IServiceCollection AddBotFrameworkChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BotFrameworkOptions>(configuration.GetSection(BotFrameworkOptions.Section));
        services.AddSingleton<BotFrameworkEndpoint>();

        // Inbound: decided when first resolved, from the bound options (the same ones Program's warning reads).
        services.AddHttpClient(OpenIdSigningKeyProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<ISigningKeyProvider, OpenIdSigningKeyProvider>();
        services.AddSingleton<JwtBotAuthenticator>();
        services.AddSingleton<IBotFrameworkAuthenticator>(sp =>
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AuthenticationEnabled
                ? sp.GetRequiredService<JwtBotAuthenticator>()
                : new DisabledAuthenticator());

        // Outbound.
        services.AddSingleton<IAppCredentials, AppCredentials>();
        services.AddSingleton<ServiceUrlPolicy>();
        services.AddSingleton<ConversationSendThrottle>();
        services.AddTransient<ConnectorAuthHandler>();
        services.AddSingleton(sp => new ConnectorRetryPolicy.Shared(ConnectorRetryPolicy.Create(
            sp.GetRequiredService<IOptions<BotFrameworkOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectorRetryPolicy).FullName!))));
        services.AddSingleton<IProactiveSender, BotFrameworkProactiveSender>();
        services.AddSingleton<ChatBot.Bot.Reminders.IReplyChannel, ConnectorReplyChannel>();
        services.AddHttpClient<IConnectorClient, ConnectorClient>(c => c.Timeout = TimeSpan.FromMinutes(3))
            // The selector runs for every request: it hands out the one policy built for the app, not a new one each time.
            .AddPolicyHandler((sp, _) => sp.GetRequiredService<ConnectorRetryPolicy.Shared>().Policy)
            // Inside the retry policy, so every attempt is checked and carries a current token.
            .AddHttpMessageHandler<ConnectorAuthHandler>();
        return services;
    }

    /// <summary>POST /api/messages; warns at start when inbound authentication is off.</summary>
    public static WebApplication MapBotFrameworkEndpoints(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value.AuthenticationEnabled)
            app.Logger.LogWarning("BotFramework:MicrosoftAppId is empty: inbound authentication is OFF. Use this only for local development.");
        BotFrameworkEndpoint.Map(app);
        return app;
    }
}
