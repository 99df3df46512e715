using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>The common answer of WeCom's server API.</summary>
internal sealed class WeComApiResponse
{
    [JsonPropertyName("errcode")] public int ErrCode { get; init; }
    [JsonPropertyName("errmsg")] public string? ErrMsg { get; init; }
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; init; }
    [JsonPropertyName("msgid")] public string? MsgId { get; init; }
    [JsonPropertyName("response_code")] public string? ResponseCode { get; init; }
    [JsonPropertyName("invaliduser")] public string? InvalidUser { get; init; }

    public WeComSendResult ToResult() => new(ErrCode, ErrMsg)
    {
        MsgId = MsgId,
        ResponseCode = ResponseCode,
        InvalidUser = string.IsNullOrEmpty(InvalidUser) ? null : InvalidUser,
    };
}
