using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>The one way the channel POSTs JSON to WeCom and turns every answer, or its absence, into a result.</summary>
internal static class WeComHttp
{
    /// <summary>
    /// POSTs <paramref name="json"/> (with a Content-Length, not chunked) and reads WeCom's errcode answer.
    /// Network errors, timeouts, non-2xx and unreadable answers become <see cref="WeComErrorCodes.TransportFailure"/>;
    /// the caller's own cancellation still throws.
    /// </summary>
    public static async Task<WeComSendResult> PostJsonAsync(HttpClient http, Uri uri, string json, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return WeComSendResult.Transport($"HTTP {(int)response.StatusCode}");
            }

            var answer = await response.Content.ReadFromJsonAsync<WeComApiResponse>(WeComJson.Options, cancellationToken)
                .ConfigureAwait(false);
            return answer?.ToResult() ?? WeComSendResult.Transport("Empty answer");
        }
        catch (Exception e) when (IsTransportFailure(e, cancellationToken))
        {
            return WeComSendResult.Transport(e.Message);
        }
    }

    /// <summary>Network errors, HttpClient timeouts and unreadable answers, but not the caller's cancellation.</summary>
    public static bool IsTransportFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpRequestException or JsonException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
