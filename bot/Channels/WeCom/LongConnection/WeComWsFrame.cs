using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// One JSON frame of the smart robot's long connection: <c>{cmd, headers:{req_id}, body}</c> for commands and
/// callbacks, <c>{headers:{req_id}, errcode, errmsg}</c> for acks (of subscribe, ping, replies and pushes).
/// </summary>
internal sealed class WeComWsFrame
{
    [JsonPropertyName("cmd")] public string? Cmd { get; init; }
    [JsonPropertyName("headers")] public WeComWsHeaders? Headers { get; init; }
    [JsonPropertyName("body")] public JsonElement? Body { get; init; }
    [JsonPropertyName("errcode")] public int? ErrCode { get; init; }
    [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }

    [JsonIgnore] public string ReqId => Headers?.ReqId ?? "";

    public static WeComWsFrame Command(string cmd, string reqId, object? body) => new()
    {
        Cmd = cmd,
        Headers = new WeComWsHeaders { ReqId = reqId },
        Body = body is null ? null : body as JsonElement? ?? JsonSerializer.SerializeToElement(body, body.GetType(), WeComJson.Options),
    };

    /// <summary>A request id as the official client makes them: <c>{cmd}_{unix ms}_{random}</c> (acks are matched on it).</summary>
    public static string NewReqId(string cmd) =>
        $"{cmd}_{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}_{Guid.NewGuid().ToString("N")[..8]}";

    public string ToJson() => JsonSerializer.Serialize(this, WeComJson.Options);

    public static WeComWsFrame? TryParse(ReadOnlySpan<byte> utf8)
    {
        try { return JsonSerializer.Deserialize<WeComWsFrame>(utf8, WeComJson.Options); }
        catch (JsonException) { return null; }
    }
}
