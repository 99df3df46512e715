using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.LongConnection;

internal sealed class WeComWsHeaders
{
    [JsonPropertyName("req_id")] public string? ReqId { get; init; }
}
