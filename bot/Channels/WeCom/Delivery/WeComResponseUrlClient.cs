using ChatBot.Bot.Channels.WeCom.Robot;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>POSTs late smart-robot answers to a callback's response_url (typed HttpClient).</summary>
internal sealed class WeComResponseUrlClient(HttpClient http)
{
    public Task<WeComSendResult> PostAsync(string responseUrl, WeComRobotResponseUrlMessage message, CancellationToken ct)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return Task.FromResult(new WeComSendResult(WeComErrorCodes.TransportFailure, "response_url is not an http(s) URL"));
        return WeComHttp.PostJsonAsync(http, uri, message.ToJson(), ct);
    }
}
