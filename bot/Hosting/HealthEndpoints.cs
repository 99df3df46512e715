using ChatBot.Bot.Channels.WeCom.LongConnection;
using ChatBot.Bot.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

internal static class HealthEndpoints
{
    /// <summary>
    /// GET /healthz: 200 only when a turn can be taken (the database is open); 503 while it is still opening after
    /// 10 s, or failed. With the WeCom long connection, its state is shown too (a connection being down does not make
    /// the bot unhealthy).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", async (StartupReadiness readiness, WeComLongConnection wecom, CancellationToken ct) =>
            await readiness.IsReadyAsync(TimeSpan.FromSeconds(10), ct)
                ? wecom.State == WeComLongConnectionState.Disabled
                    ? Results.Ok(new { status = "ok" })
                    : Results.Ok(new { status = "ok", wecomLongConnection = wecom.Describe() })
                : Results.Json(new { status = readiness.DatabaseOpen.IsFaulted ? "unavailable" : "starting" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
