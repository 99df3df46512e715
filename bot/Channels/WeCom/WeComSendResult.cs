namespace ChatBot.Bot.Channels.WeCom;

/// <summary>Server API error codes the channel reacts to.</summary>
internal static class WeComErrorCodes
{
    public const int Ok = 0;
    public const int SystemBusy = -1;
    public const int InvalidAccessToken = 40014;
    public const int AccessTokenExpired = 42001;
    public const int FrequencyLimited = 45009;
    public const int IpNotAllowed = 60020;

    /// <summary>Local code (not WeCom's): no answer from WeCom (network error, timeout, non-2xx, unreadable body).</summary>
    public const int TransportFailure = -90001;
}

/// <summary>
/// Outcome of one send, carrying WeCom's errcode so a caller (an outbox) can decide to retry later.
/// </summary>
internal sealed record WeComSendResult(int ErrCode, string? ErrMsg)
{
    public static readonly WeComSendResult Success = new(WeComErrorCodes.Ok, "ok");

    /// <summary>message/send: the message id, needed to recall it.</summary>
    public string? MsgId { get; init; }

    /// <summary>message/send of an interactive template card: the code update_template_card needs.</summary>
    public string? ResponseCode { get; init; }

    /// <summary>message/send: recipients WeCom did not deliver to ("|"-separated).</summary>
    public string? InvalidUser { get; init; }

    public bool IsSuccess => ErrCode == WeComErrorCodes.Ok;

    /// <summary>Whether trying the same message later can succeed (busy, rate limit, token, network).</summary>
    public bool IsRetryable => ErrCode is WeComErrorCodes.SystemBusy
        or WeComErrorCodes.FrequencyLimited
        or WeComErrorCodes.InvalidAccessToken
        or WeComErrorCodes.AccessTokenExpired
        or WeComErrorCodes.TransportFailure;

    public static WeComSendResult Transport(string reason) => new(WeComErrorCodes.TransportFailure, reason);
}

/// <summary>An errcode from WeCom where the caller needs a value, not a result (gettoken).</summary>
internal sealed class WeComApiException(int errCode, string? errMsg)
    : Exception($"WeCom API error {errCode}: {errMsg}")
{
    public int ErrCode { get; } = errCode;

    public string? ErrMsg { get; } = errMsg;
}
