namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>What the long connection is doing (shown in /healthz).</summary>
internal enum WeComLongConnectionState
{
    /// <summary>WeCom:RobotMode is "callback": no connection is held.</summary>
    Disabled,
    /// <summary>RobotMode is "longconnection" but RobotBotId or RobotSecret is missing.</summary>
    NotConfigured,
    /// <summary>Several instances on PostgreSQL: another instance holds the robot's connection; this one takes over when it is gone.</summary>
    Standby,
    Connecting,
    /// <summary>Subscribed: messages arrive and replies and pushes go out.</summary>
    Online,
    /// <summary>Lost (or never got) the connection; trying again with backoff.</summary>
    Reconnecting,
    /// <summary>WeCom refused the BotID/Secret too many times in a row; not retried until the bot restarts.</summary>
    AuthFailed,
    /// <summary>Another connection of the same bot took over (disconnected_event); this instance does not fight it.</summary>
    StoodDown,
    Stopped,
}
