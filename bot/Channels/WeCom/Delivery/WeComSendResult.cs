namespace ChatBot.Bot.Channels.WeCom.Delivery;

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
