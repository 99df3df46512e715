using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;

namespace ChatBot.Tests.Infrastructure;

/// <summary>
/// Turns through the bot's own Direct Line service, as the built-in Web Chat page takes them: the only way into the
/// local (office) workspace. One Direct Line conversation per test conversation and user, started (and greeted) on
/// first use and again when its token has expired on the test clock.
/// </summary>
internal sealed class LocalWebChat(BotHost host)
{
    private const string Base = "/v3/directline";
    private readonly HttpClient _http = host.CreateClient();
    private readonly Dictionary<(string?, string?), Session> _sessions = new();

    private sealed class Session(string conversationId, string token)
    {
        public string ConversationId { get; } = conversationId;
        public string Token { get; } = token;
        public string? Watermark { get; set; }
    }

    /// <summary>Posts the activity's text, value and locale as the page would; returns the bot's replies to it.</summary>
    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        var key = (activity.Conversation?.Id, activity.From?.Id);
        if (!_sessions.TryGetValue(key, out var session)) session = _sessions[key] = await StartAsync(activity);
        var body = JsonSerializer.Serialize(activity, BotJson.Options);
        var posted = await PostAsync(session, body);
        if (posted.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // The token expired on the test clock, or the conversation was dropped: open the page again.
            session = _sessions[key] = await StartAsync(activity);
            posted = await PostAsync(session, body);
        }
        Assert.True(posted.StatusCode == HttpStatusCode.OK, $"Direct Line post answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
        var replies = (await ReadNewAsync(session)).Where(a => a.From?.Role == "bot").ToList();
        BotHost.AssertCardsValid(replies);
        return replies;
    }

    private async Task<Session> StartAsync(Activity activity)
    {
        var user = new { id = activity.From?.Id ?? "web-user", name = activity.From?.Name };
        var generated = await _http.PostAsync($"{Base}/tokens/generate", Json(new { user, locale = activity.Locale }));
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var token = JsonDocument.Parse(await generated.Content.ReadAsStringAsync()).RootElement;
        var session = new Session(token.GetProperty("conversationId").GetString()!, token.GetProperty("token").GetString()!);
        using var start = new HttpRequestMessage(HttpMethod.Post, $"{Base}/conversations") { Content = Json(new { user, locale = activity.Locale }) };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        Assert.Equal(HttpStatusCode.Created, (await _http.SendAsync(start)).StatusCode);
        await ReadNewAsync(session); // the greeting
        return session;
    }

    private async Task<HttpResponseMessage> PostAsync(Session session, string activityJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/conversations/{session.ConversationId}/activities")
        {
            Content = new StringContent(activityJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        return await _http.SendAsync(request);
    }

    private async Task<List<Activity>> ReadNewAsync(Session session)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{Base}/conversations/{session.ConversationId}/activities" + (session.Watermark is null ? "" : $"?watermark={session.Watermark}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token);
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var set = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (set.TryGetProperty("watermark", out var w)) session.Watermark = w.GetString();
        return set.GetProperty("activities").Deserialize<List<Activity>>(BotJson.Options)!;
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
