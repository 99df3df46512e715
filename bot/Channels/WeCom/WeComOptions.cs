using ChatBot.Bot.Channels.WeCom.Crypto;
using ChatBot.Bot.Channels.WeCom.LongConnection;

namespace ChatBot.Bot.Channels.WeCom;

/// <summary>
/// WeCom settings, bound from the "WeCom" configuration section. Secrets (AppSecret, the tokens and AES keys, webhook
/// keys) come only from configuration: user secrets, environment variables or a vault, never from source.
/// </summary>
internal sealed class WeComOptions
{
    public const string SectionName = "WeCom";
    public const string DefaultApiBaseUrl = "https://qyapi.weixin.qq.com/";
    public const string DefaultWebhookBaseUrl = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send";

    /// <summary>The corp id (企业ID); also the receive id of app callbacks.</summary>
    public string CorpId { get; set; } = string.Empty;

    /// <summary>The self-built app's AgentId.</summary>
    public int AgentId { get; set; }

    /// <summary>The self-built app's Secret, exchanged for access tokens.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>Callback Token of the self-built app.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Callback EncodingAESKey (43 characters) of the self-built app.</summary>
    public string EncodingAesKey { get; set; } = string.Empty;

    /// <summary>Callback Token of the smart robot (智能机器人, API mode).</summary>
    public string RobotToken { get; set; } = string.Empty;

    /// <summary>Callback EncodingAESKey of the smart robot.</summary>
    public string RobotEncodingAesKey { get; set; } = string.Empty;

    /// <summary>Base of the server API; tests point it at a fake handler.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The group robot send endpoint, without the key.</summary>
    public string WebhookBaseUrl { get; set; } = DefaultWebhookBaseUrl;

    /// <summary>How far a callback's timestamp may be from now.</summary>
    public TimeSpan TimestampWindow { get; set; } = WeComTimestampValidator.DefaultWindow;

    /// <summary>Messages one group robot may send per rolling window (WeCom allows 20 a minute).</summary>
    public int WebhookMessagesPerWindow { get; set; } = 20;

    public TimeSpan WebhookRateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait after errcode 45009 before trying again, and how many times.</summary>
    public TimeSpan WebhookRateLimitedRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public int WebhookRateLimitedRetries { get; set; } = 2;

    /// <summary>
    /// Secret for signing web-form links (at least 16 characters). When empty, a random key is generated once and kept
    /// in the database, so links survive restarts.
    /// </summary>
    public string FormSigningKey { get; set; } = string.Empty;

    /// <summary>
    /// When true, a form page first signs the visitor in with WeCom (网页授权, snsapi_base, needs the app and its
    /// trusted domain) and only the person the form was sent to may open and submit it. Recommended for group chats,
    /// where everybody in the group sees the link.
    /// </summary>
    public bool FormRequireSignIn { get; set; }

    /// <summary>Group robot webhook keys by chat id, for groups whose key was not set with the 设置群机器人 command.</summary>
    public Dictionary<string, string> WebhookKeys { get; set; } = new();

    /// <summary>
    /// How long a smart robot callback waits for the turn before answering "正在处理…" and sending the rest through
    /// response_url (WeCom retries callbacks not answered within 5 seconds).
    /// </summary>
    public TimeSpan RobotReplyWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Largest callback body accepted.</summary>
    public int MaxCallbackBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How the smart robot reaches the bot: <see cref="RobotModes.Callback"/> (WeCom calls /api/wecom/robot, needs a
    /// public HTTPS URL) or <see cref="RobotModes.LongConnection"/> (the bot dials out to WeCom over a WebSocket).
    /// </summary>
    public string RobotMode { get; set; } = RobotModes.Callback;

    /// <summary>Long connection: the robot's BotID (admin console, 智能机器人 → API 模式 → 长连接).</summary>
    public string RobotBotId { get; set; } = string.Empty;

    /// <summary>Long connection: the robot's Secret. Never logged.</summary>
    public string RobotSecret { get; set; } = string.Empty;

    /// <summary>Long connection address; private deployments (政务微信) show their own in the admin console.</summary>
    public string RobotLongConnectionUrl { get; set; } = DefaultLongConnectionUrl;

    public const string DefaultLongConnectionUrl = "wss://openws.work.weixin.qq.com";

    /// <summary>Heartbeat (ping) interval; two pings without an ack mean the connection is dead.</summary>
    public TimeSpan RobotHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; it doubles after each failed attempt up to <see cref="RobotReconnectMaxDelay"/>.</summary>
    public TimeSpan RobotReconnectBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RobotReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Subscribes refused in a row (wrong BotID/Secret) before the bot stops trying until restarted.</summary>
    public int RobotMaxAuthFailures { get; set; } = 5;

    /// <summary>How long a frame waits for WeCom's ack before it counts as not delivered.</summary>
    public TimeSpan RobotAckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// WeCom takes a welcome (enter_chat) or a card update (template_card_event) only this soon after the event;
    /// later ones are skipped with a log line. Lower it to keep a safety margin.
    /// </summary>
    public TimeSpan RobotEventReplyWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Several instances on PostgreSQL: how often an instance that does not hold the robot's long connection asks to
    /// take it over, and the holder checks that it still holds it. Keep it at most 00:00:10 (takeover within 30 s).
    /// </summary>
    public TimeSpan RobotLeaseRetry { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsLongConnection => string.Equals(RobotMode, RobotModes.LongConnection, StringComparison.OrdinalIgnoreCase);

    /// <summary>Crypto for the self-built app's callbacks (receive id = corp id).</summary>
    public WeComCrypto CreateAppCrypto() => new(Token, EncodingAesKey, CorpId);

    /// <summary>Crypto for the smart robot's callbacks (receive id empty: any is accepted).</summary>
    public WeComCrypto CreateRobotCrypto() => new(RobotToken, RobotEncodingAesKey, string.Empty);
}
