using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Crypto;
using ChatBot.Bot.Channels.WeCom.Delivery;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Bot.Channels.WeCom.Robot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ChatBot.Bot.Conversation;
using ChatBot.Storage.Conversations;
using Polly;

using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.LongConnection;

// In the DI namespace so Program.cs needs only its one registration line (no using).
namespace Microsoft.Extensions.DependencyInjection;

internal static class WeComServiceCollectionExtensions
{
    /// <summary>
    /// Registers the WeCom clients: options from the "WeCom" section, the shared token cache and webhook rate
    /// limiter (singletons), and the typed HttpClients <see cref="WeComApiClient"/> and <see cref="WeComWebhookSender"/>.
    /// </summary>
    public static IServiceCollection AddWeComChannel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeComOptions>().Bind(configuration.GetSection(WeComOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WeComAccessTokenCache>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
            return new WeComWebhookRateLimiter(sp.GetRequiredService<TimeProvider>(), options.WebhookMessagesPerWindow,
                options.WebhookRateWindow);
        });
        services.TryAddSingleton(sp => new WeComTimestampValidator(sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<WeComOptions>>().Value.TimestampWindow));

        // A hung WeCom call must not hold a caller (an outbox worker) for HttpClient's default 100 s. The server API
        // retries network errors, 5xx and 408 twice (Polly); errcodes are handled by the client itself.
        services.AddHttpClient<WeComApiClient>(http => http.Timeout = TimeSpan.FromSeconds(10))
            .AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(2, attempt => TimeSpan.FromMilliseconds(300 * attempt)));
        services.AddHttpClient<WeComWebhookSender>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient<WeComResponseUrlClient>(http => http.Timeout = TimeSpan.FromSeconds(10));

        // The channel: callbacks, turns, card downgrade, web forms, reminders.
        services.TryAddSingleton<ProcessedActivityStore>();
        services.TryAddSingleton<WeComInboundIds>();
        services.TryAddSingleton<WeComCardActionStore>();
        services.TryAddSingleton<WeComFormTokens>();
        services.AddHousekeepingTask<WeComHousekeeping>();
        services.TryAddSingleton<WeComCardDowngrade>();
        services.TryAddSingleton<WeComTurns>();
        services.TryAddSingleton<WeComDelivery>();
        services.TryAddSingleton<WeComAppReplies>();
        services.AddSingleton<ChatBot.Bot.Reminders.IReplyChannel, WeComAppReplyChannel>();
        services.TryAddSingleton<WeComCallbackGate>();
        services.TryAddSingleton<WeComRobotEndpoint>();
        services.TryAddSingleton<WeComAppEndpoint>();
        services.TryAddSingleton<WeComFormEndpoint>();
        services.TryAddSingleton<WeComBackgroundQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<WeComBackgroundQueue>());
        // The smart robot's long connection (WeCom:RobotMode longconnection); idle in callback mode.
        // Several instances on PostgreSQL: only the holder of the robot's lease connects, and it runs the reminders.
        services.TryAddSingleton<WeComRobotLease>();
        services.AddSingleton<ChatBot.Bot.Reminders.Leadership.ILeadershipPrerequisite>(sp => sp.GetRequiredService<WeComRobotLease>());
        services.TryAddSingleton<WeComLongConnection>();
        services.AddHostedService(sp => sp.GetRequiredService<WeComLongConnection>());
        services.TryAddSingleton<WeComLongConnectionReplies>();
        services.TryAddSingleton<WeComLongConnectionHandler>();
        services.AddSingleton<ChatBot.Bot.Reminders.IReplyChannel, WeComLongConnectionReplyChannel>();
        services.AddSingleton<IProactiveSender, WeComProactiveSender>();
        services.AddSingleton<IBotCommand, SetWebhookCommand>();
        return services;
    }
}
