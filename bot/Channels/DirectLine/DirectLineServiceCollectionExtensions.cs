using ChatBot.Bot.Conversation;

namespace ChatBot.Bot.Channels.DirectLine;

internal static class DirectLineServiceCollectionExtensions
{
    /// <summary>Registers the built-in Direct Line service (for the Web Chat page) and its proactive sender.</summary>
    public static IServiceCollection AddDirectLineChannel(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>().BindConfiguration(DirectLineOptions.Section);
        services.AddSingleton<DirectLineConversationStore>();
        services.AddSingleton<DirectLineEndpoints>();
        services.AddSingleton<IProactiveSender, DirectLineProactiveSender>();
        return services;
    }

    /// <summary>Maps /v3/directline/* (with WebSockets), the Web Chat page at / and its scripts under /lib.</summary>
    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseWebSockets();
        DirectLineEndpoints.Map(app);
        WebChatPage.Map(app);
        return app;
    }
}
