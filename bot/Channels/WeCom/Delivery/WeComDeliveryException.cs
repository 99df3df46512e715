namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>Thrown when WeCom refuses a message, so a caller (the reminder outbox) retries later.</summary>
internal sealed class WeComDeliveryException(WeComSendResult result, string what, int partsDelivered = 0)
    : Exception($"WeCom refused {what}: errcode {result.ErrCode} {result.ErrMsg}"), ChatBot.Bot.Reminders.IDeliveryFailure
{
    public WeComSendResult Result { get; } = result;

    /// <summary>Busy (-1), rate-limited (45009), token trouble, or no answer at all: worth trying again later.</summary>
    public bool IsTransient => Result.IsRetryable;

    public bool IsOutage => Result.ErrCode is WeComErrorCodes.TransportFailure or WeComErrorCodes.SystemBusy;

    /// <summary>Posts of the message that went out before this one failed (the first <c>skip</c> included).</summary>
    public int PartsDelivered { get; } = partsDelivered;
}
