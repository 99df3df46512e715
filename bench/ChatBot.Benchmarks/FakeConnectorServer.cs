namespace ChatBot.Benchmarks;

/// <summary>
/// A Bot Connector stand-in on loopback: accepts POST /v3/conversations/{id}/activities[/{id}] and answers {"id":…},
/// so the bot's replies cross a real HTTP hop inside every turn, as they do against Teams.
/// </summary>
internal sealed class FakeConnectorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;

    private FakeConnectorServer(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";
    public long Received => Interlocked.Read(ref _received);

    public static async Task<FakeConnectorServer> StartAsync()
    {
        // No appsettings reload: it would watch every folder under the working directory (thousands in /tmp).
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeConnectorServer(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", async (HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            var n = Interlocked.Increment(ref server._received);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync($"{{\"id\":\"r{n}\"}}");
        });
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("{\"id\":\"u\"}");
        });
        await app.StartAsync();
        server.ServiceUrl = app.Urls.First().TrimEnd('/') + "/";
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
