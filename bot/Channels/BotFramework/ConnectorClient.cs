using System.Net.Http.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Bot Connector REST API v3 client (typed HttpClient; retries come from the Polly policy it is registered with).</summary>
internal sealed class ConnectorClient(HttpClient http) : IConnectorClient
{
    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken ct)
    {
        var conversation = Uri.EscapeDataString(activity.Conversation?.Id ?? throw new ArgumentException("activity.conversation.id is required"));
        var path = activity.ReplyToId is { Length: > 0 } replyTo
            ? $"v3/conversations/{conversation}/activities/{Uri.EscapeDataString(replyTo)}"
            : $"v3/conversations/{conversation}/activities";
        using var response = await http.PostAsJsonAsync(Combine(activity.ServiceUrl, path), activity, BotJson.Options, ct);
        response.EnsureSuccessStatusCode();
        return await ReadResourceAsync(response, ct);
    }

    public async Task UpdateAsync(Activity activity, CancellationToken ct)
    {
        var conversation = Uri.EscapeDataString(activity.Conversation?.Id ?? throw new ArgumentException("activity.conversation.id is required"));
        var id = Uri.EscapeDataString(activity.Id ?? throw new ArgumentException("activity.id is required"));
        using var response = await http.PutAsJsonAsync(Combine(activity.ServiceUrl, $"v3/conversations/{conversation}/activities/{id}"), activity, BotJson.Options, ct);
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

/// <summary>Inbound authentication switched off (no app id configured: local development only).</summary>
internal sealed class DisabledAuthenticator : IBotFrameworkAuthenticator
{
    public Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken ct) =>
        Task.FromResult(AuthenticationResult.Ok);
}
