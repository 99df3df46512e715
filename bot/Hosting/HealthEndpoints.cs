using ChatBot.Bot.Channels.WeCom.LongConnection;
using ChatBot.Bot.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

internal static class HealthEndpoints
{
    /// <summary>
    /// GET /healthz: 200 only when a turn can be taken (the database is open, migrated and answers a trivial query);
    /// 503 while it is still opening after 10 s, when it failed, or when it does not answer. The database is shown
    /// (<c>database: { provider, ok }</c>). With the WeCom long connection, its state is shown too (a connection being
    /// down does not make the bot unhealthy).
    /// GET /readyz: for load balancers: 503 at once until the migrations are done, then as /healthz.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (StartupReadiness readiness, DatabaseProbe probe, WeComLongConnection wecom, CancellationToken ct) =>
            HealthAsync(readiness, probe, wecom, TimeSpan.FromSeconds(10), ct));
        app.MapGet("/readyz", (StartupReadiness readiness, DatabaseProbe probe, WeComLongConnection wecom, CancellationToken ct) =>
            HealthAsync(readiness, probe, wecom, TimeSpan.Zero, ct));
        return app;
    }

    internal static async Task<IResult> HealthAsync(StartupReadiness readiness, DatabaseProbe probe, WeComLongConnection? wecom, TimeSpan wait, CancellationToken ct)
    {
        if (!await readiness.IsReadyAsync(wait, ct))
            return Results.Json(new { status = readiness.DatabaseOpen.IsFaulted ? "unavailable" : "starting", database = new { provider = probe.Provider, ok = false } },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        if (await probe.ProblemAsync(ct) is { } problem)
            return Results.Json(new { status = "unavailable", database = new { provider = probe.Provider, ok = false, problem } },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        var database = new { provider = probe.Provider, ok = true };
        return wecom is null || wecom.State == WeComLongConnectionState.Disabled
            ? Results.Ok(new { status = "ok", database })
            : Results.Ok(new { status = "ok", database, wecomLongConnection = wecom.Describe() });
    }
}
