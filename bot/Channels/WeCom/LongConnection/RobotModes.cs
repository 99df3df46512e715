namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>Values of <see cref="WeComOptions.RobotMode"/>.</summary>
internal static class RobotModes
{
    /// <summary>WeCom POSTs encrypted callbacks to /api/wecom/robot (needs a public HTTPS URL).</summary>
    public const string Callback = "callback";

    /// <summary>The bot holds a WebSocket to WeCom (长连接): outbound only.</summary>
    public const string LongConnection = "longconnection";
}
