namespace ChatBot.Bot.Reminders;

/// <summary>A channel's own delivery error that knows whether trying again later can help (WeCom errcodes).</summary>
internal interface IDeliveryFailure
{
    /// <summary>Trying the same message later can succeed (busy, rate limit, no answer).</summary>
    bool IsTransient { get; }
    /// <summary>The service itself did not answer (not a limit of one conversation or robot).</summary>
    bool IsOutage { get; }
    /// <summary>Posts of the message that went out before the failure (never posted again).</summary>
    int PartsDelivered { get; }
}
