using ChatBot.Bot.Conversation;
using ChatBot.Bot.Features.Board;
using ChatBot.Cards;
using ChatBot.Storage.Board;
using ChatBot.Storage.Conversations;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

internal static class BoardFeature
{
    /// <summary>Registers 公开看板 / 关闭看板 and the board page's services.</summary>
    public static IServiceCollection AddBoardFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.Configure<BoardOptions>(configuration.GetSection(BoardOptions.Section));
        services.AddSingleton<BoardStore>();
        services.AddSingleton<BoardBuilder>();
        services.AddSingleton<IBotCommand, PublicBoardCommand>();
        services.AddSingleton<IBotCommand, CloseBoardCommand>();
        return services;
    }

    /// <summary>GET /board/{token}: the public board page (?lang=en|zh, else the workspace's language); a closed or unknown link: a 404 page.</summary>
    public static IEndpointRouteBuilder MapBoardEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/board/{token}", (string token, string? lang, HttpContext http, BoardStore boards, WorkspaceStore workspaces, BoardBuilder builder, IOptions<BoardOptions> options) =>
        {
            http.Response.Headers.ContentSecurityPolicy = BoardPage.ContentSecurityPolicy;
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            var link = boards.Find(token);
            var workspace = link is { IsLive: true } ? workspaces.Get(link.WorkspaceId) : null;
            var language = lang?.Trim().ToLowerInvariant() switch
            {
                "en" or "en-us" => Lang.En,
                "zh" or "zh-cn" => Lang.Zh,
                _ => Lang.FromLocale(workspace?.Locale),
            };
            if (workspace is null || workspace.Removed)
                return Results.Content(BoardPage.Closed(language), "text/html; charset=utf-8", statusCode: 404);
            return Results.Content(BoardPage.Render(language, builder.Build(workspace), options.Value.RefreshMinutes), "text/html; charset=utf-8");
        });
        return app;
    }
}
