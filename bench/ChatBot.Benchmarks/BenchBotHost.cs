using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Storage.Conversations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Benchmarks;

/// <summary>
/// The real bot (its Program, services and /api/messages) on Kestrel at 127.0.0.1:0 with its own LiteDB file, plus:
/// the benchmark dialog, and the floor endpoint POST /bench/floor that only parses the Activity and posts one reply
/// through the same connector client, with no state.
/// </summary>
internal sealed class BenchBotHost : WebApplicationFactory<Program>
{
    private readonly bool _autoCommitState;
    private readonly bool _memoryState;

    /// <param name="autoCommitState">Swap the group-commit dialog state store for the one-commit-per-write store, to show what group commit buys.</param>
    public BenchBotHost(string? databasePath = null, bool autoCommitState = false, bool memoryState = false)
    {
        _memoryState = memoryState;
        _autoCommitState = autoCommitState;
        // WebApplicationFactory looks for a folder named like the assembly; the bot's folder is "bot".
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CHATBOT_BOT", RepoRoot.Find("bot"));
        DatabasePath = databasePath ?? Path.Combine(BenchDatabase.NewFolder(), "chatbot.db");
        UseKestrel(0);
    }

    public string DatabasePath { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Bot:DatabasePath", DatabasePath);
        builder.UseSetting("BotFramework:MicrosoftAppId", "");
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        // Errors only: failed turns still show; the expected "authentication is OFF" warning does not.
        builder.UseSetting("Logging:LogLevel:Default", "Error");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<Dialog, BenchSurveyDialog>();
            services.AddSingleton<IBotCommand>(BenchSurveyDialog.Command);
            services.AddSingleton<IStartupFilter, FloorEndpoint>();
            // Teams allows a bot ~7 messages a second per conversation; the bot queues its sends to stay inside that.
            // That quota is Teams', not the bot's capacity: give the throttle a clock on which an hour passes between
            // any two reads, so it never waits, and measure the bot itself.
            services.RemoveAll<ConversationSendThrottle>();
            services.AddSingleton(new ConversationSendThrottle(new LeapingClock()));
            if (_memoryState)
            {
                services.RemoveAll<IDialogStateStore>();
                services.AddSingleton<IDialogStateStore, MemoryDialogStateStore>();
            }
            if (_autoCommitState)
            {
                services.RemoveAll<IDialogStateStore>();
                services.AddSingleton<IDialogStateStore, LiteDbDialogStateStore>();
            }
        });
    }

    /// <summary>The floor: parse the Activity, post one reply to the connector, answer 200. No state, no dialog.</summary>
    private sealed class FloorEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/bench/floor", floor => floor.Run(async http =>
            {
                var activity = await JsonSerializer.DeserializeAsync<Activity>(http.Request.Body, BotJson.Options, http.RequestAborted);
                if (activity?.Conversation is null) { http.Response.StatusCode = 400; return; }
                var connector = http.RequestServices.GetRequiredService<IConnectorClient>();
                await connector.SendAsync(new Activity
                {
                    Type = ActivityTypes.Message,
                    ChannelId = activity.ChannelId,
                    ServiceUrl = activity.ServiceUrl,
                    Conversation = activity.Conversation,
                    From = activity.Recipient,
                    Recipient = activity.From,
                    ReplyToId = activity.Id,
                    Text = "ok",
                }, http.RequestAborted);
                http.Response.StatusCode = 200;
            }));
            next(app);
        };
    }
}

internal static class RepoRoot
{
    /// <summary>A folder of the repository, found by walking up from the binaries to ChatBot.sln.</summary>
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln"))) return Path.Combine(dir.FullName, relative);
        return Path.Combine(Directory.GetCurrentDirectory(), relative);
    }
}

/// <summary>A clock that jumps an hour on every read: every rate window has always just expired.</summary>
internal sealed class LeapingClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, TimeSpan.TicksPerHour), TimeSpan.Zero);
}

/// <summary>Experiment only (load --memstate): dialog state in a dictionary, to see what persisting it costs.</summary>
internal sealed class MemoryDialogStateStore : IDialogStateStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DialogStateRecord> _states = new();
    public DialogStateRecord? Load(string key) => _states.TryGetValue(key, out var r) ? new DialogStateRecord { Id = r.Id, Json = r.Json, Version = r.Version, UpdatedUtc = r.UpdatedUtc, HandledActivities = r.HandledActivities } : null;
    public Task SaveAsync(DialogStateRecord record, CancellationToken ct = default)
    {
        _states[record.Id] = new DialogStateRecord { Id = record.Id, Json = record.Json, Version = record.Version, UpdatedUtc = record.UpdatedUtc, HandledActivities = record.HandledActivities };
        return Task.CompletedTask;
    }
    public void Delete(string key) => _states.TryRemove(key, out _);
}
