using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.WeCom.LongConnection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.WeCom.LongConnection;

/// <summary>
/// The real bot in long connection mode (WeCom:RobotMode longconnection) dialling a <see cref="FakeLongConnectionServer"/>
/// on loopback, with fast heartbeats and reconnects, and its log captured.
/// </summary>
internal sealed class LongConnectionHarness : IAsyncDisposable
{
    public const string BotId = "aib-ws-robot-1";
    public const string Secret = "ws-secret-from-config-0001";
    public const string ChatId = WeComChannelHarness.ChatId;

    private static int _next;

    private readonly bool _ownsServer;

    /// <param name="publicBaseUrl">Bot:PublicBaseUrl; empty: a township server without a public address.</param>
    /// <param name="server">WeCom's end shared with another instance of the bot (not disposed here); null: a new one.</param>
    public LongConnectionHarness(string publicBaseUrl = "", string secret = Secret, Dictionary<string, string?>? settings = null,
        FakeLongConnectionServer? server = null)
    {
        _ownsServer = server is null;
        Server = server ?? new FakeLongConnectionServer(BotId, Secret);
        var all = new Dictionary<string, string?>
        {
            ["Bot:PublicBaseUrl"] = publicBaseUrl,
            ["WeCom:RobotMode"] = "longconnection",
            ["WeCom:RobotBotId"] = BotId,
            ["WeCom:RobotSecret"] = secret,
            ["WeCom:RobotLongConnectionUrl"] = Server.Url,
            ["WeCom:RobotHeartbeatInterval"] = "00:00:00.2",
            ["WeCom:RobotReconnectBaseDelay"] = "00:00:00.05",
            ["WeCom:RobotReconnectMaxDelay"] = "00:00:00.2",
            ["WeCom:RobotAckTimeout"] = "00:00:02",
        };
        foreach (var kv in settings ?? []) all[kv.Key] = kv.Value;
        Bot = new WeComChannelHarness(settings: all, configure: s => s.AddSingleton<ILoggerProvider>(Log));
    }

    public FakeLongConnectionServer Server { get; }
    public WeComChannelHarness Bot { get; }
    public CapturedLog Log { get; } = new();

    public WeComLongConnection Connection => Bot.Host.Service<WeComLongConnection>();

    public Task OnlineAsync() => FakeLongConnectionServer.EventuallyAsync(() => Connection.IsOnline, "the bot's long connection to be online");

    /// <summary>A group message as the long connection delivers it (no response_url), e.g. "@法治助手 调解登记".</summary>
    public static JsonObject GroupText(string content, string user = "zhangsan", string? msgId = null) => new()
    {
        ["msgid"] = msgId ?? NewMsgId(),
        ["aibotid"] = BotId,
        ["chatid"] = ChatId,
        ["chattype"] = "group",
        ["from"] = new JsonObject { ["userid"] = user },
        ["msgtype"] = "text",
        ["text"] = new JsonObject { ["content"] = content },
    };

    public static JsonObject CardClick(string eventKey, string taskId, string user = "zhangsan")
    {
        var click = WeComChannelHarness.CardClick(eventKey, taskId, user);
        click.Remove("response_url");
        click["aibotid"] = BotId;
        return click;
    }

    public static string NewMsgId() => "ws-msg-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The frames with <paramref name="cmd"/> the bot sent for <paramref name="reqId"/>.</summary>
    public IReadOnlyList<JsonObject> FramesFor(string reqId, string cmd = "aibot_respond_msg") =>
        Server.ReceivedWith(cmd).Where(f => (string?)f["headers"]?["req_id"] == reqId).ToList();

    public Task<JsonObject> ReplyAsync(string reqId, string cmd = "aibot_respond_msg") =>
        Server.WaitForAsync(f => (string?)f["cmd"] == cmd && (string?)f["headers"]?["req_id"] == reqId, $"{cmd} for {reqId}");

    public IReadOnlyList<JsonObject> Pushes(string contains) =>
        Server.ReceivedWith("aibot_send_msg").Where(f => f["body"]!.ToJsonString().Contains(contains, StringComparison.Ordinal)
            || ((string?)f["body"]?["markdown"]?["content"] ?? "").Contains(contains, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        Bot.Dispose();
        if (_ownsServer) await Server.DisposeAsync();
    }
}
