using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom;

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

        // A hung WeCom call must not hold a caller (an outbox worker) for HttpClient's default 100 s.
        services.AddHttpClient<WeComApiClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient<WeComWebhookSender>(http => http.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }
}
