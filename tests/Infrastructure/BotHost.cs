using System.Net.Http.Json;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// The real bot in-process (WebApplicationFactory) on its own LiteDB file, with a fake clock and a fake Bot
/// Connector that records what the bot sends. Create a second host on the same <see cref="DatabasePath"/> to
/// simulate a restart. <see cref="OnPostgres"/> runs it on PostgreSQL instead.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configure;

    public BotHost(string? databasePath = null, Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        DatabasePath = databasePath ?? TempPaths.NewDatabase();
        Clock = clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 1, 0, 0, TimeSpan.Zero)); // 09:00 in Shanghai, a Tuesday
        _settings = new Dictionary<string, string?>
        {
            ["Bot:DatabasePath"] = DatabasePath,
            ["BotFramework:MicrosoftAppId"] = "",
            ["Backup:Enabled"] = "false", // no nightly backup in tests (the backup tests take theirs themselves)
        };
        foreach (var kv in settings ?? []) _settings[kv.Key] = kv.Value;
        _configure = configure;
    }

    /// <summary>
    /// The whole bot on PostgreSQL (Bot:Storage = postgres): on a new database, or on <paramref name="connectionString"/>
    /// (a second host on the same one is a restart, or a second instance).
    /// </summary>
    public static BotHost OnPostgres(string? connectionString = null, Dictionary<string, string?>? settings = null, FakeTimeProvider? clock = null,
        Action<IServiceCollection>? configure = null)
    {
        var database = connectionString ?? PostgresServer.NewDatabase();
        var all = new Dictionary<string, string?>(settings ?? []) { ["Bot:Storage"] = "postgres", ["ConnectionStrings:Postgres"] = database };
        return new BotHost(settings: all, clock: clock, configure: configure) { PostgresConnectionString = database };
    }

    /// <summary>The LiteDB file (unused on PostgreSQL).</summary>
    public string DatabasePath { get; }

    /// <summary>The PostgreSQL database the host runs on; null on LiteDB.</summary>
    public string? PostgresConnectionString { get; private init; }
    public FakeTimeProvider Clock { get; }
    public FakeConnector Connector { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var kv in _settings) builder.UseSetting(kv.Key, kv.Value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IConnectorClient>();
            services.AddSingleton<IConnectorClient>(Connector);
            _configure?.Invoke(services);
        });
    }

    /// <summary>Posts an activity to /api/messages and returns the HTTP response.</summary>
    public async Task<HttpResponseMessage> PostAsync(Activity activity, string? authorization = null)
    {
        var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(activity, options: BotJson.Options),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }

    /// <summary>Posts an activity and returns the replies the bot sent for it through the connector.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var before = Connector.Sent.Count;
        var response = await PostAsync(activity);
        response.EnsureSuccessStatusCode();
        var replies = Connector.Sent.Skip(before).ToList();
        AssertCardsValid(replies);
        return replies;
    }

    private LocalWebChat? _webChat;

    /// <summary>
    /// Takes the activity's turn through the built-in Web Chat's Direct Line service (the only way into the local
    /// workspace) and returns the bot's replies. Conversation and user of the activity pick the Web Chat conversation.
    /// </summary>
    public Task<IReadOnlyList<Activity>> SendWebChatAsync(Activity activity) => (_webChat ??= new LocalWebChat(this)).SendAsync(activity);

    /// <summary>Every card the bot emits in tests must parse cleanly in the official adaptivecards parser.</summary>
    public static void AssertCardsValid(IEnumerable<Activity> replies)
    {
        foreach (var reply in replies)
            foreach (var att in reply.Attachments ?? [])
                if (att.ContentType == Attachment.AdaptiveCardContentType && att.Content is not null)
                    CardChecker.AssertValid(JsonSerializer.Serialize(att.Content));
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Every card the bot sent or updated through the connector during the test, however the test collected (or
    /// ignored) the replies, must render in Web Chat: checked when the host goes away, so no test can forget it.
    /// </summary>
    public void AssertAllCardsRender()
    {
        AssertCardsValid(Connector.Sent);
        AssertCardsValid(Connector.Updated);
    }

    private int _disposed;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0) AssertAllCardsRender();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref _disposed, 1) == 0) AssertAllCardsRender();
    }
}

internal static class TempPaths
{
    public static string NewDatabase() =>
        Path.Combine(Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("N"), "chatbot.db");
}

/// <summary>A Bot Connector stand-in that records sends and updates.</summary>
public sealed class FakeConnector : IConnectorClient
{
    private int _next;
    private readonly List<Activity> _sent = new();
    private readonly List<Activity> _updated = new();

    public IReadOnlyList<Activity> Sent { get { lock (_sent) return _sent.ToList(); } }
    public IReadOnlyList<Activity> Updated { get { lock (_updated) return _updated.ToList(); } }

    /// <summary>Set to make the next sends fail (connector down).</summary>
    public Func<Activity, Exception?>? FailWith { get; set; }

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken ct)
    {
        if (FailWith?.Invoke(activity) is { } ex) throw ex;
        var id = $"bot-{Interlocked.Increment(ref _next)}";
        // Keep a copy as the wire would: what was serialised is what counts.
        var copy = JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(activity, BotJson.Options), BotJson.Options)!;
        copy.Id = id;
        lock (_sent) _sent.Add(copy);
        return Task.FromResult(new ResourceResponse { Id = id });
    }

    public Task UpdateAsync(Activity activity, CancellationToken ct)
    {
        var copy = JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(activity, BotJson.Options), BotJson.Options)!;
        lock (_updated) _updated.Add(copy);
        return Task.CompletedTask;
    }
}
