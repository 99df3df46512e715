using System.Net;

namespace ChatBot.Bot.Reminders;

/// <summary>
/// Sorts send failures: transient ones (network errors, timeouts, 408, 412, 429, 5xx) are worth waiting out in the
/// outbox; a definite refusal (400 bad activity, 403 bot removed from the conversation, 404 conversation gone) is not.
/// </summary>
internal static class DeliveryFailure
{
    public static bool IsTransient(Exception ex, CancellationToken ct) => ex switch
    {
        IDeliveryFailure f => f.IsTransient,
        HttpRequestException { StatusCode: null } => true, // no answer: refused connection, DNS, reset
        HttpRequestException { StatusCode: { } status } => IsTransientStatus(status),
        OperationCanceledException => !ct.IsCancellationRequested, // HttpClient timeout, not our own cancellation
        IOException or System.Net.Sockets.SocketException => true,
        Microsoft.Identity.Client.MsalException msal => msal.IsRetryable, // the token service is down
        _ => false,
    };

    /// <summary>The channel refused this message for good: retrying can only repeat the refusal.</summary>
    public static bool IsPermanent(Exception ex) =>
        ex is HttpRequestException { StatusCode: { } status } && (int)status is >= 400 and < 500 && !IsTransientStatus(status)
        // 401 is the bot's own credentials (an admin can fix them): bounded retries, as for other errors.
        && status != HttpStatusCode.Unauthorized;

    /// <summary>The service did not answer at all (rather than limiting one conversation): skip its other messages this round.</summary>
    public static bool IsOutage(Exception ex, CancellationToken ct) => ex switch
    {
        IDeliveryFailure f => f.IsOutage,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500,
        _ => IsTransient(ex, ct),
    };

    public static int PartsDelivered(Exception ex) => ex is IDeliveryFailure f ? f.PartsDelivered : 0;

    private static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed;
}
