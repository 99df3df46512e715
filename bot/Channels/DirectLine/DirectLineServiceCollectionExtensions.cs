using ChatBot.Bot.Channels.DirectLine;
using ChatBot.Bot.Conversation;

namespace Microsoft.Extensions.DependencyInjection;

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
        app.UseWhen(IsWebChatPath, local => local.Use(OnlyLocalClientsAsync));
        DirectLineEndpoints.Map(app);
        WebChatPage.Map(app);
        return app;
    }

    private static bool IsWebChatPath(HttpContext http) =>
        http.Request.Path.StartsWithSegments(DirectLineEndpoints.BasePath) || http.Request.Path.StartsWithSegments("/lib")
        || http.Request.Path == "/" || http.Request.Path.StartsWithSegments("/index.html");

    /// <summary>Refuses clients from other machines unless DirectLine:AllowRemoteClients is set (see DirectLineOptions).</summary>
    private static async Task OnlyLocalClientsAsync(HttpContext http, Func<Task> next)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true }) remote = remote.MapToIPv4();
        var allowed = remote is null || System.Net.IPAddress.IsLoopback(remote)
            || http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<DirectLineOptions>>().Value.AllowRemoteClients;
        if (allowed) { await next(); return; }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.Response.WriteAsJsonAsync(new
        {
            error = "The built-in Web Chat is for this computer only. To open it from other computers set DirectLine:AllowRemoteClients=true (trusted networks only).",
            status = 403,
        });
    }
}
