using System.Net;
using Polly;
using Polly.Extensions.Http;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Retries Connector calls that failed for a passing reason (429, 412, 5xx, 408, network errors) with exponential
/// backoff and jitter, honouring Retry-After (seconds or a date) when the service sends one.
/// </summary>
internal static class ConnectorRetryPolicy
{
    /// <summary>The app's one connector retry policy (a singleton; Polly policies are thread-safe and stateless here).</summary>
    public sealed record Shared(IAsyncPolicy<HttpResponseMessage> Policy);

    public static IAsyncPolicy<HttpResponseMessage> Create(BotFrameworkOptions options, TimeProvider clock, ILogger log) =>
        HttpPolicyExtensions.HandleTransientHttpError()
            // Teams' rate-limit guidance also lists 412 as transient.
            .OrResult(r => r.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed)
            .WaitAndRetryAsync(
                options.ConnectorMaxRetries,
                (attempt, outcome, _) => DelayFor(attempt, outcome.Result, options, clock, Random.Shared.NextDouble()),
                (outcome, delay, attempt, _) =>
                {
                    log.LogWarning("Connector call failed ({Reason}); retry {Attempt} in {Delay}",
                        outcome.Result is { } r ? ((int)r.StatusCode).ToString() : outcome.Exception?.GetType().Name, attempt, delay);
                    return Task.CompletedTask;
                });

    /// <summary>Retry-After when given (capped), else base·2^(attempt−1) scaled by a jitter factor in [0.5, 1.5).</summary>
    public static TimeSpan DelayFor(int attempt, HttpResponseMessage? response, BotFrameworkOptions options, TimeProvider clock, double random)
    {
        if (RetryAfter(response, clock) is { } retryAfter)
            return retryAfter > options.ConnectorMaxRetryDelay ? options.ConnectorMaxRetryDelay : retryAfter;
        var backoff = options.ConnectorRetryBaseDelay * Math.Pow(2, Math.Max(0, attempt - 1)) * (0.5 + random);
        return backoff > options.ConnectorMaxRetryDelay ? options.ConnectorMaxRetryDelay : backoff;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
