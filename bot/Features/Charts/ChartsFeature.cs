using ChatBot.Bot.Features.Charts;

namespace Microsoft.Extensions.DependencyInjection;

internal static class ChartsFeature
{
    /// <summary>Registers the chart renderer (shared by the stats cards and the reports) and the chart links.</summary>
    public static IServiceCollection AddChartsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.Configure<ChartOptions>(configuration.GetSection(ChartOptions.Section));
        services.AddSingleton<ChartRenderer>();
        services.AddSingleton<ChartLinks>();
        return services;
    }

    /// <summary>GET /charts/{token}.png: a stats card's chart; an unknown or expired link is a 404 that says so.</summary>
    public static IEndpointRouteBuilder MapChartsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/charts/{file}", (string file, ChartLinks charts, HttpContext http) =>
        {
            if (!file.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                return Results.Text("No such chart. 没有这张图表。", "text/plain; charset=utf-8", statusCode: 404);
            var found = charts.Find(file[..^4]);
            if (found.Png is null) return Results.Text(found.Reason!, "text/plain; charset=utf-8", statusCode: 404);
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.File(found.Png, "image/png");
        });
        return app;
    }
}
