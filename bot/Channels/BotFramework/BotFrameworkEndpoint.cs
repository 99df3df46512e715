using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>
/// POST /api/messages: the Bot Framework messaging endpoint. Size-limits and parses the Activity, authenticates it,
/// drops redeliveries, runs the turn, and answers invokes and expectReplies in the HTTP body. A turn whose replies
/// could not be delivered (Connector down) still answers 200: the activity was processed and its replies wait in the
/// outbox; a 5xx would only make the channel deliver it again.
/// </summary>
internal sealed class BotFrameworkEndpoint(
    TurnRunner runner,
    IBotFrameworkAuthenticator authenticator,
    ServiceUrlPolicy serviceUrls,
    RecentIds recentIds,
    ChatBot.Bot.Reminders.ReplyOutbox replies,
    IHostApplicationLifetime lifetime,
    IOptions<BotFrameworkOptions> options,
    ILogger<BotFrameworkEndpoint> log)
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/messages", (HttpContext http, BotFrameworkEndpoint endpoint) => endpoint.HandleAsync(http));

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var body = await HttpBody.ReadLimitedAsync(http.Request, options.Value.MaxBodyBytes, http.RequestAborted);
        if (body.Error is { } error) return error;

        Activity? activity;
        try { activity = JsonSerializer.Deserialize<Activity>(body.Bytes, BotJson.Options); }
        catch (JsonException ex) { return HttpBody.Problem(400, $"The body is not a valid Activity JSON: {ex.Message}"); }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
            return HttpBody.Problem(400, "The Activity has no type.");

        var auth = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity, http.RequestAborted);
        if (!auth.Succeeded)
        {
            log.LogWarning("Rejected activity {ActivityId}: {Reason}", activity.Id, auth.Error);
            return HttpBody.Problem(401, auth.Error ?? "Unauthorized");
        }
        if (activity.Conversation?.Id is null || activity.ChannelId is null)
            return HttpBody.Problem(400, "The Activity needs channelId and conversation.id.");

        var expectReplies = activity.DeliveryMode == DeliveryModes.ExpectReplies;
        // Refuse up front what could never be answered, rather than run a turn whose replies the Connector client refuses.
        if (!expectReplies && !string.IsNullOrEmpty(activity.ServiceUrl) &&
            !(Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) && serviceUrls.IsAllowed(serviceUrl)))
            return HttpBody.Problem(400, "The Activity's serviceUrl is not an allowed Bot Connector address (https, host in BotFramework:AllowedServiceUrlHosts).");

        if (activity.Id is { Length: > 0 } id && !recentIds.TryAdd($"{activity.ChannelId}|{activity.Conversation.Id}|{id}|{activity.Type}"))
            return Results.Ok(); // a redelivery: already processed

        var capabilities = ConnectorAdapter.CapabilitiesOf(activity.ChannelId);
        ChannelAdapter adapter = expectReplies || string.IsNullOrEmpty(activity.ServiceUrl)
            ? new BufferingAdapter(capabilities)
            // Resolved per request: the typed HttpClient behind it must not be captured by this singleton.
            : new ConnectorAdapter(http.RequestServices.GetRequiredService<IConnectorClient>(), capabilities, activity, replies, log,
                options.Value.TurnThrottleAllowance);

        // An accepted activity is processed to the end even if the channel stops waiting for the answer (its redelivery
        // is dropped above): cancelling mid-turn would lose the turn. Only shutting down stops it.
        var ctx = await runner.RunAsync(activity, adapter, lifetime.ApplicationStopping);

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invoke = ctx.InvokeResponse ?? DefaultInvokeResponse(ctx);
            return Results.Json(invoke.Body, BotJson.Options, statusCode: invoke.Status);
        }
        if (expectReplies)
            return Results.Json(new ExpectedReplies { Activities = ((BufferingAdapter)adapter).Sent }, BotJson.Options);
        return Results.Ok();
    }

    private static InvokeResponse DefaultInvokeResponse(TurnContext ctx)
    {
        if (ctx.Activity.Name == InvokeNames.AdaptiveCardAction)
            return new InvokeResponse
            {
                Status = 200,
                Body = new { statusCode = 200, type = "application/vnd.microsoft.activity.message", value = ctx.T("已收到", "Received") },
            };
        return new InvokeResponse { Status = 200 };
    }
}

/// <summary>Reads request bodies with a size limit and shapes error answers as small JSON problems, never stack traces.</summary>
internal static class HttpBody
{
    public readonly record struct Result(byte[] Bytes, IResult? Error);

    public static async Task<Result> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return new([], Problem(413, $"The body is larger than {maxBytes / 1024} KB."));
        try
        {
            // With a Content-Length (every Bot Connector post has one) the body is read straight into its own array;
            // this runs on every turn, so no growing buffer and no copy.
            if (request.ContentLength is > 0 and var length) return await ReadExactlyAsync(request.Body, (int)length, ct);
            return await ReadChunkedAsync(request.Body, maxBytes, ct);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return new([], Problem(400, "The request body could not be read."));
        }
    }

    private static async Task<Result> ReadExactlyAsync(Stream body, int length, CancellationToken ct)
    {
        var bytes = new byte[length];
        var read = await body.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, ct);
        if (read < length) return new([], Problem(400, "The request body is shorter than its Content-Length."));
        return new(bytes, null);
    }

    private static async Task<Result> ReadChunkedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) return new([], Problem(413, $"The body is larger than {maxBytes / 1024} KB."));
                buffer.Write(chunk, 0, read);
            }
            if (buffer.Length == 0) return new([], Problem(400, "The request body is empty."));
            return new(buffer.ToArray(), null);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(chunk); }
    }

    public static IResult Problem(int status, string reason) =>
        Results.Json(new { error = reason, status }, statusCode: status);
}
