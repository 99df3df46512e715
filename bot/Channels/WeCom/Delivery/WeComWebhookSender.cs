using System.Text.Json;
using ChatBot.Bot.Channels.WeCom.Cards;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>
/// Posts to group robots (群机器人) through cgi-bin/webhook/send?key=KEY, within WeCom's per-robot rate limit.
/// Returns a <see cref="WeComSendResult"/> (never throws for WeCom or network failures) so an outbox can retry.
/// The key is a secret: it is never logged.
/// </summary>
internal sealed class WeComWebhookSender
{
    private readonly HttpClient _http;
    private readonly WeComWebhookRateLimiter _rateLimiter;
    private readonly WeComOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WeComWebhookSender> _logger;

    public WeComWebhookSender(HttpClient http, WeComWebhookRateLimiter rateLimiter, IOptions<WeComOptions> options,
        TimeProvider time, ILogger<WeComWebhookSender> logger)
    {
        _http = http;
        _rateLimiter = rateLimiter;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <param name="mentionedList">userids to @, or "@all".</param>
    public Task<WeComSendResult> SendTextAsync(string key, string content, IEnumerable<string>? mentionedList = null,
        IEnumerable<string>? mentionedMobileList = null, CancellationToken cancellationToken = default) =>
        SendAsync(key, WeComWebhookMessage.ForText(content, mentionedList, mentionedMobileList), cancellationToken);

    public Task<WeComSendResult> SendMarkdownAsync(string key, string markdown, CancellationToken cancellationToken = default) =>
        SendAsync(key, WeComWebhookMessage.ForMarkdown(markdown), cancellationToken);

    public Task<WeComSendResult> SendTemplateCardAsync(string key, WeComTemplateCard card, CancellationToken cancellationToken = default) =>
        SendAsync(key, WeComWebhookMessage.ForTemplateCard(card), cancellationToken);

    /// <summary>
    /// Waits for a rate-limit slot, posts, and on errcode 45009 (someone else used the robot's quota too) waits
    /// <see cref="WeComOptions.WebhookRateLimitedRetryDelay"/> and tries again, up to
    /// <see cref="WeComOptions.WebhookRateLimitedRetries"/> times.
    /// </summary>
    public async Task<WeComSendResult> SendAsync(string key, WeComWebhookMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(message);

        var json = JsonSerializer.Serialize(message, WeComJson.Options);
        var uri = new Uri($"{_options.WebhookBaseUrl}?key={Uri.EscapeDataString(key)}", UriKind.Absolute);
        for (var retry = 0; ; retry++)
        {
            await _rateLimiter.WaitForSlotAsync(key, cancellationToken).ConfigureAwait(false);
            var result = await WeComHttp.PostJsonAsync(_http, uri, json, cancellationToken).ConfigureAwait(false);
            if (result.ErrCode != WeComErrorCodes.FrequencyLimited || retry >= _options.WebhookRateLimitedRetries)
            {
                if (!result.IsSuccess)
                {
                    _logger.LogWarning("WeCom webhook {MsgType} failed with errcode {ErrCode}: {ErrMsg}",
                        message.MsgType, result.ErrCode, result.ErrMsg);
                }

                return result;
            }

            _logger.LogInformation("WeCom webhook rate-limited (45009); retrying in {Delay}", _options.WebhookRateLimitedRetryDelay);
            await Task.Delay(_options.WebhookRateLimitedRetryDelay, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
