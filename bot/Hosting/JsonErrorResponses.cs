namespace Microsoft.Extensions.DependencyInjection;

internal static class JsonErrorResponses
{
    /// <summary>Every error status answers with a small JSON body; an unhandled exception is logged and answered 500.</summary>
    public static WebApplication UseJsonErrorResponses(this WebApplication app)
    {
        app.UseStatusCodePages(ctx => ctx.HttpContext.Response.WriteAsJsonAsync(new { status = ctx.HttpContext.Response.StatusCode }));
        app.UseExceptionHandler(errorApp => errorApp.Run(ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return ctx.Response.WriteAsJsonAsync(new { error = "An unexpected error occurred; it has been logged.", status = 500 });
        }));
        return app;
    }
}
