using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Bot.Channels.BotFramework;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.DirectLine;

/// <summary>
/// The subset of Direct Line 3.0 that botframework-directlinejs (inside Web Chat) uses, served by the bot itself under
/// /v3/directline: tokens, start/reconnect, post an activity, get activities by watermark, and the WebSocket stream.
/// </summary>
internal sealed class DirectLineEndpoints(
    DirectLineConversationStore store,
    TurnRunner runner,
    IOptions<BotOptions> botOptions,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<DirectLineEndpoints> log)
{
    public const string BasePath = "/v3/directline";

    public static void Map(IEndpointRouteBuilder app)
    {
        var dl = app.MapGroup(BasePath);
        dl.MapPost("/tokens/generate", (HttpContext http, DirectLineEndpoints e) => e.GenerateTokenAsync(http));
        dl.MapPost("/tokens/refresh", (HttpContext http, DirectLineEndpoints e) => e.RefreshToken(http));
        dl.MapPost("/conversations", (HttpContext http, DirectLineEndpoints e) => e.StartConversationAsync(http));
        dl.MapGet("/conversations/{id}", (string id, HttpContext http, DirectLineEndpoints e) => e.Reconnect(id, http));
        dl.MapPost("/conversations/{id}/activities", (string id, HttpContext http, DirectLineEndpoints e) => e.PostActivityAsync(id, http));
        dl.MapGet("/conversations/{id}/activities", (string id, HttpContext http, DirectLineEndpoints e) => e.GetActivities(id, http));
        dl.MapGet("/conversations/{id}/stream", (string id, HttpContext http, DirectLineEndpoints e) => e.StreamAsync(id, http));
    }

    private DirectLineOptions Options => store.Options;
    private ChannelAccount Bot => DirectLineAdapter.BotAccount(botOptions.Value);

    /// <summary>POST /tokens/generate: a conversation is reserved for the token; it starts on POST /conversations.</summary>
    private async Task<IResult> GenerateTokenAsync(HttpContext http)
    {
        var (start, error) = await ReadOptionalBodyAsync<StartRequest>(http);
        if (error is not null) return error;
        var conversation = store.Create();
        Bind(conversation, start);
        return Results.Json(new TokenResponse(conversation.Id, conversation.Token, Options.TokenLifetimeSeconds));
    }

    private IResult RefreshToken(HttpContext http)
    {
        var token = BearerToken(http);
        if (token is null) return HttpBody.Problem(401, "An Authorization: Bearer <token> header is required.");
        var conversation = store.FindByToken(token);
        if (conversation is null || store.IsExpired(conversation)) return HttpBody.Problem(403, "The token is not valid or has expired.");
        store.Refresh(conversation);
        return Results.Json(new TokenResponse(conversation.Id, conversation.Token, Options.TokenLifetimeSeconds));
    }

    /// <summary>
    /// POST /conversations. With a token from /tokens/generate it starts that conversation (201), or answers 200 when it
    /// was already started. Without a token it opens a new conversation (this service has no secrets: it is local-only).
    /// </summary>
    private async Task<IResult> StartConversationAsync(HttpContext http)
    {
        var (start, error) = await ReadOptionalBodyAsync<StartRequest>(http);
        if (error is not null) return error;
        DirectLineConversation conversation;
        if (http.Request.Headers.Authorization.Count > 0)
        {
            var token = BearerToken(http);
            if (token is null) return HttpBody.Problem(401, "The Authorization header must be \"Bearer <token>\".");
            var found = store.FindByToken(token);
            if (found is null || store.IsExpired(found)) return HttpBody.Problem(403, "The token is not valid or has expired.");
            conversation = found;
        }
        else
        {
            conversation = store.Create();
        }

        bool startNow;
        lock (conversation)
        {
            startNow = !conversation.Started;
            conversation.Started = true;
            if (startNow) Bind(conversation, start);
        }
        if (startNow) await GreetAsync(conversation);
        var body = new ConversationResponse(conversation.Id, conversation.Token, Options.TokenLifetimeSeconds, StreamUrl(http, conversation, null));
        return Results.Json(body, statusCode: startNow ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>GET /conversations/{id}?watermark=: reconnect; a fresh stream URL that resumes after the watermark.</summary>
    private IResult Reconnect(string id, HttpContext http)
    {
        if (Authorize(id, http, out var conversation) is { } denied) return denied;
        if (ParseWatermark(http, out var watermark) is { } bad) return bad;
        return Results.Json(new ConversationResponse(conversation.Id, conversation.Token, Options.TokenLifetimeSeconds, StreamUrl(http, conversation, watermark)));
    }

    private async Task<IResult> PostActivityAsync(string id, HttpContext http)
    {
        if (Authorize(id, http, out var conversation) is { } denied) return denied;
        var body = await HttpBody.ReadLimitedAsync(http.Request, Options.MaxBodyBytes, http.RequestAborted);
        if (body.Error is { } unreadable) return unreadable;
        Activity? activity;
        try
        {
            using var json = JsonDocument.Parse(body.Bytes);
            // Checked on the JSON: the Activity model defaults a missing type to "message".
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("type", out var type)
                || type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
                return HttpBody.Problem(400, "The body must be an Activity object with a type.");
            activity = json.RootElement.Deserialize<Activity>(BotJson.Options);
        }
        catch (JsonException ex) { return HttpBody.Problem(400, $"The body is not a valid Activity JSON: {ex.Message}"); }
        catch (InvalidOperationException) { return HttpBody.Problem(400, "The body has text that is not valid UTF-8."); }
        if (activity is null) return HttpBody.Problem(400, "The body must be an Activity object with a type.");

        var now = clock.GetUtcNow();
        FromUser(activity, conversation, now);
        // Typing indicators from the page are not stored or routed: the bot has nothing to say to them.
        if (activity.Type == ActivityTypes.Typing) return Results.Json(new { id = $"{conversation.Id}|typing" });

        // The echo that the page waits for; a retried post (same clientActivityID) is answered with the first one's id.
        var (activityId, isNew) = conversation.AppendFromClient(activity, ClientActivityId(activity), now);
        if (!isNew) return Results.Json(new { id = activityId });
        var turn = Clone(activity);
        await runner.RunAsync(turn, new DirectLineAdapter(conversation, Bot, clock, store), lifetime.ApplicationStopping);
        return Results.Json(new { id = activityId });
    }

    private static string? ClientActivityId(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("clientActivityID", out var id)
            && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private IResult GetActivities(string id, HttpContext http)
    {
        if (Authorize(id, http, out var conversation) is { } denied) return denied;
        if (ParseWatermark(http, out var watermark) is { } bad) return bad;
        var (activities, next) = conversation.After(watermark);
        return Results.Text(ActivitySetJson(activities, next), "application/json; charset=utf-8");
    }

    /// <summary>
    /// The WebSocket stream (the streamUrl carries the token, browsers cannot set headers on WebSockets). Sends what the
    /// client has not seen, then every new activity as an ActivitySet, with empty frames as keep-alive. Several streams
    /// per conversation are allowed (a reloading page may briefly hold two).
    /// </summary>
    private async Task<IResult> StreamAsync(string id, HttpContext http)
    {
        var conversation = store.Find(id);
        if (conversation is null) return HttpBody.Problem(404, "Unknown or ended conversation.");
        var token = http.Request.Query["t"].ToString();
        if (token.Length == 0 || !string.Equals(token, conversation.Token, StringComparison.Ordinal) || store.IsExpired(conversation))
            return HttpBody.Problem(403, "The stream token is not valid for this conversation.");
        if (ParseWatermark(http, out var watermark) is { } bad) return bad;
        if (!http.WebSockets.IsWebSocketRequest) return HttpBody.Problem(400, "This URL is a WebSocket stream.");

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, conversation.Ended, lifetime.ApplicationStopping);
        var reader = DrainClientAsync(socket, stop);
        try
        {
            var keepAlive = TimeSpan.FromSeconds(Math.Max(1, Options.KeepAliveSeconds));
            while (!stop.IsCancellationRequested && socket.State == WebSocketState.Open)
            {
                var changed = conversation.ChangedAsync();
                var (activities, next) = conversation.After(watermark);
                if (activities.Count > 0)
                {
                    await SendTextAsync(socket, ActivitySetJson(activities, next), stop.Token);
                    watermark = next;
                    continue;
                }
                var woke = await Task.WhenAny(changed, Task.Delay(keepAlive, stop.Token), reader);
                if (woke == reader) break;
                if (woke != changed && !stop.IsCancellationRequested) await SendTextAsync(socket, "", stop.Token);
            }
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, conversation.Ended.IsCancellationRequested ? "conversation ended" : "closing", CancellationToken.None);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            log.LogDebug("Direct Line stream for {ConversationId} closed: {Reason}", id, ex.Message);
        }
        return Results.Empty;
    }

    /// <summary>Reads (and ignores) the client's frames: directlinejs pings with empty messages; a close ends the stream.</summary>
    private static async Task DrainClientAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[4096];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException) { }
    }

    private static Task SendTextAsync(WebSocket socket, string text, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, ct);

    private async Task GreetAsync(DirectLineConversation conversation)
    {
        var user = new ChannelAccount { Id = conversation.UserId, Name = conversation.UserName, Role = "user" };
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = clock.GetUtcNow(),
            ChannelId = DirectLineConversation.ChannelId,
            ServiceUrl = "",
            From = user,
            Recipient = Bot,
            Conversation = new ConversationAccount { Id = conversation.Id, ConversationType = "personal" },
            MembersAdded = [Bot, user],
            Locale = conversation.Locale,
        };
        await runner.RunAsync(update, new DirectLineAdapter(conversation, Bot, clock, store), lifetime.ApplicationStopping);
    }

    /// <summary>The user's activity as the real service forwards it: server id and time, the bound user, the bot as recipient.</summary>
    private void FromUser(Activity activity, DirectLineConversation conversation, DateTimeOffset now)
    {
        lock (conversation)
        {
            conversation.UserId ??= string.IsNullOrWhiteSpace(activity.From?.Id) ? "user-" + conversation.Id[..8] : activity.From!.Id;
            conversation.UserName ??= activity.From?.Name;
            conversation.Locale ??= activity.Locale;
        }
        activity.From = new ChannelAccount { Id = conversation.UserId, Name = activity.From?.Name ?? conversation.UserName, Role = "user" };
        activity.Recipient = Bot;
        activity.ChannelId = DirectLineConversation.ChannelId;
        activity.ServiceUrl = "";
        activity.Timestamp = now;
        activity.Locale ??= conversation.Locale;
    }

    private static void Bind(DirectLineConversation conversation, StartRequest? start)
    {
        if (start?.User?.Id is { Length: > 0 } userId && conversation.UserId is null)
        {
            conversation.UserId = userId;
            conversation.UserName = start.User.Name;
        }
        conversation.Locale ??= start?.Locale;
        conversation.UserId ??= "user-" + conversation.Id[..8];
    }

    /// <summary>Checks the conversation exists (404) and the bearer token belongs to it and is current (401/403).</summary>
    private IResult? Authorize(string id, HttpContext http, out DirectLineConversation conversation)
    {
        conversation = store.Find(id)!;
        if (conversation is null) return HttpBody.Problem(404, "Unknown or ended conversation.");
        var token = BearerToken(http);
        if (token is null) return HttpBody.Problem(401, "An Authorization: Bearer <token> header is required.");
        if (!string.Equals(token, conversation.Token, StringComparison.Ordinal)) return HttpBody.Problem(403, "The token is not valid for this conversation.");
        if (store.IsExpired(conversation)) return HttpBody.Problem(403, "The token has expired.");
        return null;
    }

    private static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length ? header[prefix.Length..].Trim() : null;
    }

    private static IResult? ParseWatermark(HttpContext http, out long? watermark)
    {
        watermark = null;
        var raw = http.Request.Query["watermark"].ToString();
        if (raw.Length == 0 || raw == "-") return null;
        if (long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w)) { watermark = w; return null; }
        return HttpBody.Problem(400, "The watermark is not one this service issued.");
    }

    private string StreamUrl(HttpContext http, DirectLineConversation conversation, long? watermark)
    {
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{http.Request.Host}{http.Request.PathBase}{BasePath}/conversations/{Uri.EscapeDataString(conversation.Id)}/stream?t={Uri.EscapeDataString(conversation.Token)}";
        return watermark is null ? url : $"{url}&watermark={watermark}";
    }

    /// <summary>{"activities":[...],"watermark":"N"}; the watermark is a string, as directlinejs stores and resends it.</summary>
    private static string ActivitySetJson(IReadOnlyList<string> activities, long? watermark)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("activities");
            foreach (var json in activities) w.WriteRawValue(json, skipInputValidation: true);
            w.WriteEndArray();
            if (watermark is not null) w.WriteString("watermark", watermark.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Activity Clone(Activity a) =>
        JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(a, BotJson.Options), BotJson.Options)!;

    /// <summary>Reads an optional JSON body (directlinejs sends none on some calls).</summary>
    private async Task<(T? Value, IResult? Error)> ReadOptionalBodyAsync<T>(HttpContext http) where T : class
    {
        if (http.Request.ContentLength == 0) return (null, null);
        if (http.Request.ContentLength > Options.MaxBodyBytes) return (null, HttpBody.Problem(413, $"The body is larger than {Options.MaxBodyBytes / 1024} KB."));
        using var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[8 * 1024];
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > Options.MaxBodyBytes) return (null, HttpBody.Problem(413, $"The body is larger than {Options.MaxBodyBytes / 1024} KB."));
                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException) { return (null, HttpBody.Problem(400, "The request body could not be read.")); }
        if (buffer.Length == 0) return (null, null);
        var bytes = buffer.ToArray();
        try { return (JsonSerializer.Deserialize<T>(bytes, BotJson.Options), null); }
        catch (JsonException ex) { return (null, HttpBody.Problem(400, $"The body is not valid JSON: {ex.Message}")); }
    }

    private sealed record StartRequest(ChannelAccount? User, string? Locale);

    private sealed record TokenResponse(
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    private sealed record ConversationResponse(
        [property: JsonPropertyName("conversationId")] string ConversationId,
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("streamUrl")] string StreamUrl);
}
