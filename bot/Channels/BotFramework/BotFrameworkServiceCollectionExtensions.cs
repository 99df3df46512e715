using ChatBot.Bot.Conversation;

namespace ChatBot.Bot.Channels.BotFramework;

internal static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>Registers /api/messages: authentication, the Connector client and the proactive sender.</summary>
    public static IServiceCollection AddBotFrameworkChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BotFrameworkEndpoint>();
        services.AddSingleton<IBotFrameworkAuthenticator, DisabledAuthenticator>();
        services.AddHttpClient<IConnectorClient, ConnectorClient>();
        return services;
    }
}
