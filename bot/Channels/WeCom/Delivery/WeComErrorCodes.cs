namespace ChatBot.Bot.Channels.WeCom.Delivery;

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
