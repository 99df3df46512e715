using System.Net.Http.Json;
using System.Text.Json;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>
/// The self-built app's server API (typed HttpClient): access tokens, message/send and update_template_card.
/// Sends return a <see cref="WeComSendResult"/> instead of throwing, so an outbox can store the errcode and retry.
/// </summary>
internal sealed class WeComApiClient
{
    private readonly HttpClient _http;
    private readonly WeComAccessTokenCache _tokens;
    private readonly WeComOptions _options;
    private readonly Uri _baseUri;
    private readonly ILogger<WeComApiClient> _logger;

    public WeComApiClient(HttpClient http, WeComAccessTokenCache tokens, IOptions<WeComOptions> options,
        ILogger<WeComApiClient> logger)
    {
        _http = http;
        _tokens = tokens;
        _options = options.Value;
        _baseUri = WithTrailingSlash(_options.ApiBaseUrl);
        _logger = logger;
    }

    /// <summary>A valid access token, cached. Throws <see cref="WeComApiException"/> when WeCom refuses one.</summary>
    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        _tokens.GetAsync(FetchAccessTokenAsync, cancellationToken).AsTask();

    public Task<WeComSendResult> SendTextAsync(string toUser, string content, CancellationToken cancellationToken = default) =>
        SendMessageAsync(WeComAppMessageRequest.ForText(toUser, content), cancellationToken);

    public Task<WeComSendResult> SendMarkdownAsync(string toUser, string markdown, CancellationToken cancellationToken = default) =>
        SendMessageAsync(WeComAppMessageRequest.ForMarkdown(toUser, markdown), cancellationToken);

    public Task<WeComSendResult> SendTemplateCardAsync(string toUser, WeComTemplateCard card, CancellationToken cancellationToken = default) =>
        SendMessageAsync(WeComAppMessageRequest.ForTemplateCard(toUser, card), cancellationToken);

    /// <summary>POST cgi-bin/message/send. The result carries msgid and, for interactive cards, response_code.</summary>
    public Task<WeComSendResult> SendMessageAsync(WeComAppMessageRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.AgentId == 0)
        {
            message.AgentId = _options.AgentId;
        }

        return PostWithTokenAsync("cgi-bin/message/send", message, cancellationToken);
    }

    /// <summary>POST cgi-bin/message/update_template_card, after a click (ResponseCode from the callback).</summary>
    public Task<WeComSendResult> UpdateTemplateCardAsync(WeComTemplateCardUpdateRequest update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.AgentId == 0)
        {
            update.AgentId = _options.AgentId;
        }

        return PostWithTokenAsync("cgi-bin/message/update_template_card", update, cancellationToken);
    }

    /// <summary>
    /// Web sign-in (网页授权, snsapi_base): the userid behind an OAuth code, via cgi-bin/auth/getuserinfo. Null when
    /// WeCom refuses the code or the visitor is not a member of the corp.
    /// </summary>
    public async Task<string?> GetUserIdByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            string token;
            try { token = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (e is WeComApiException || WeComHttp.IsTransportFailure(e, cancellationToken))
            {
                _logger.LogWarning("WeCom gettoken failed during web sign-in: {Message}", e.Message);
                return null;
            }

            var uri = new Uri(_baseUri, $"cgi-bin/auth/getuserinfo?access_token={Uri.EscapeDataString(token)}&code={Uri.EscapeDataString(code)}");
            try
            {
                using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) return null;
                using var doc = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                var root = doc.RootElement;
                var errCode = root.TryGetProperty("errcode", out var e) && e.TryGetInt32(out var n) ? n : 0;
                if (attempt == 1 && errCode is WeComErrorCodes.InvalidAccessToken or WeComErrorCodes.AccessTokenExpired)
                {
                    _tokens.Invalidate(token);
                    continue;
                }
                if (errCode != WeComErrorCodes.Ok) return null;
                // Current docs name the field "userid"; the older user/getuserinfo answered "UserId".
                foreach (var name in new[] { "userid", "UserId" })
                    if (root.TryGetProperty(name, out var id) && id.GetString() is { Length: > 0 } userId) return userId;
                return null;
            }
            catch (Exception ex) when (WeComHttp.IsTransportFailure(ex, cancellationToken))
            {
                _logger.LogWarning(ex, "WeCom auth/getuserinfo did not answer");
                return null;
            }
        }
        return null;
    }

    /// <summary>Refreshes the token and tries once more when WeCom says it is invalid (40014) or expired (42001).</summary>
    private async Task<WeComSendResult> PostWithTokenAsync(string path, object body, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(body, body.GetType(), WeComJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            string token;
            try
            {
                token = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WeComApiException e)
            {
                _logger.LogWarning("WeCom gettoken failed with errcode {ErrCode}: {ErrMsg}", e.ErrCode, e.ErrMsg);
                return new WeComSendResult(e.ErrCode, e.ErrMsg);
            }
            catch (Exception e) when (WeComHttp.IsTransportFailure(e, cancellationToken))
            {
                _logger.LogWarning(e, "WeCom gettoken did not answer");
                return WeComSendResult.Transport(e.Message);
            }

            var uri = new Uri(_baseUri, $"{path}?access_token={Uri.EscapeDataString(token)}");
            var result = await WeComHttp.PostJsonAsync(_http, uri, json, cancellationToken).ConfigureAwait(false);
            if (attempt == 1 && result.ErrCode is WeComErrorCodes.InvalidAccessToken or WeComErrorCodes.AccessTokenExpired)
            {
                _logger.LogInformation("WeCom rejected the access token ({ErrCode}); refreshing", result.ErrCode);
                _tokens.Invalidate(token);
                continue;
            }

            if (!result.IsSuccess)
            {
                _logger.LogWarning("WeCom {Path} failed with errcode {ErrCode}: {ErrMsg}", path, result.ErrCode, result.ErrMsg);
            }

            return result;
        }
    }

    private async Task<(string Token, TimeSpan Lifetime)> FetchAccessTokenAsync(CancellationToken cancellationToken)
    {
        // WeCom's gettoken takes the secret in the query; .NET redacts query strings in HttpClient logs.
        var uri = new Uri(_baseUri,
            $"cgi-bin/gettoken?corpid={Uri.EscapeDataString(_options.CorpId)}&corpsecret={Uri.EscapeDataString(_options.AppSecret)}");
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<WeComApiResponse>(WeComJson.Options, cancellationToken)
            .ConfigureAwait(false);
        if (answer is null || answer.ErrCode != WeComErrorCodes.Ok || string.IsNullOrEmpty(answer.AccessToken))
        {
            throw new WeComApiException(answer?.ErrCode ?? WeComErrorCodes.TransportFailure, answer?.ErrMsg ?? "Empty answer");
        }

        return (answer.AccessToken, TimeSpan.FromSeconds(answer.ExpiresIn ?? 7200));
    }

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
