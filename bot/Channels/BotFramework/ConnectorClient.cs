using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// Bot Connector REST API v3 client (typed HttpClient). Retries come from the Polly policy it is registered with,
/// the bearer token and the host allow-list from <see cref="ConnectorAuthHandler"/>; each call first waits its turn
/// in the per-conversation <see cref="ConversationSendThrottle"/>.
/// </summary>
internal sealed class ConnectorClient(HttpClient http, ConversationSendThrottle throttle) : IConnectorClient
{
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken ct)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("activity.conversation.id is required");
        var conversation = Uri.EscapeDataString(conversationId);
        var path = activity.ReplyToId is { Length: > 0 } replyTo
            ? $"v3/conversations/{conversation}/activities/{Uri.EscapeDataString(replyTo)}"
            : $"v3/conversations/{conversation}/activities";
        var uri = Combine(activity.ServiceUrl, path);
        await throttle.WaitTurnAsync(conversationId, ct);
        using var response = await http.PostAsJsonAsync(uri, activity, BotJson.Options, ct);
        response.EnsureSuccessStatusCode();
        return await ReadResourceAsync(response, ct);
    }

    public async Task UpdateAsync(Activity activity, CancellationToken ct)
    {
        var conversationId = activity.Conversation?.Id ?? throw new ArgumentException("activity.conversation.id is required");
        var conversation = Uri.EscapeDataString(conversationId);
        var id = Uri.EscapeDataString(activity.Id ?? throw new ArgumentException("activity.id is required"));
        var uri = Combine(activity.ServiceUrl, $"v3/conversations/{conversation}/activities/{id}");
        await throttle.WaitTurnAsync(conversationId, ct);
        using var response = await http.PutAsJsonAsync(uri, activity, BotJson.Options, ct);
        response.EnsureSuccessStatusCode();
    }

    private static Uri Combine(string? serviceUrl, string path)
    {
        if (string.IsNullOrEmpty(serviceUrl)) throw new ArgumentException("activity.serviceUrl is required");
        return new Uri(serviceUrl.TrimEnd('/') + "/" + path);
    }

    private static async Task<ResourceResponse> ReadResourceAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength == 0) return new ResourceResponse();
        try { return await response.Content.ReadFromJsonAsync<ResourceResponse>(BotJson.Options, ct) ?? new ResourceResponse(); }
        catch (System.Text.Json.JsonException) { return new ResourceResponse(); }
    }
}
