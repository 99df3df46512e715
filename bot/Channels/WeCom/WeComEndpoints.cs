using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Bot.Channels.WeCom.Robot;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>Maps the WeCom endpoints: callbacks of the smart robot and the app, the form page and its renderer.</summary>
internal static class WeComEndpoints
{
    public static IEndpointRouteBuilder MapWeComEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(WeComRobotEndpoint.Path, (HttpContext http, WeComRobotEndpoint e) => e.Verify(http));
        app.MapPost(WeComRobotEndpoint.Path, (HttpContext http, WeComRobotEndpoint e) => e.HandleAsync(http));
        app.MapGet(WeComAppEndpoint.Path, (HttpContext http, WeComAppEndpoint e) => e.Verify(http));
        app.MapPost(WeComAppEndpoint.Path, (HttpContext http, WeComAppEndpoint e) => e.HandleAsync(http));
        app.MapGet(WeComFormPage.RendererPath, (IWebHostEnvironment env) => RendererFile(env) is { } path
            ? Results.File(path, "text/javascript; charset=utf-8")
            : HttpBody.Problem(404, "The adaptivecards renderer is not installed (run npm ci)."));
        app.MapGet("/forms/{token}", (HttpContext http, string token, WeComFormEndpoint e) => e.PageAsync(http, token));
        app.MapPost("/forms/{token}", (HttpContext http, string token, WeComFormEndpoint e) => e.SubmitAsync(http, token));
        return app;
    }

    /// <summary>
    /// The adaptivecards renderer from the repository's node_modules, found the way the Web Chat page finds its
    /// bundles. Served on its own route because the forms are opened from phones, while /lib is local-only.
    /// </summary>
    internal static string? RendererFile(IWebHostEnvironment env) =>
        ChatBot.Bot.Channels.DirectLine.WebChatPage.FindNodeModules(env)?.GetFileInfo("adaptivecards/dist/adaptivecards.min.js") is { Exists: true, PhysicalPath: { } path }
            ? path : null;
}
