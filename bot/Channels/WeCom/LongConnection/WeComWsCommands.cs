namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>The <c>cmd</c> values of the long connection (as in WeCom's docs and the official @wecom/aibot-node-sdk).</summary>
internal static class WeComWsCommands
{
    // Bot → WeCom
    public const string Subscribe = "aibot_subscribe";
    public const string Ping = "ping";
    public const string RespondMsg = "aibot_respond_msg";
    public const string RespondWelcome = "aibot_respond_welcome_msg";
    public const string RespondUpdate = "aibot_respond_update_msg";
    public const string SendMsg = "aibot_send_msg";

    // WeCom → bot
    public const string MsgCallback = "aibot_msg_callback";
    public const string EventCallback = "aibot_event_callback";

    /// <summary>Event sent to the older connection when a newer one of the same bot takes over; WeCom then closes it.</summary>
    public const string DisconnectedEvent = "disconnected_event";
}
