namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>An errcode from WeCom where the caller needs a value, not a result (gettoken).</summary>
internal sealed class WeComApiException(int errCode, string? errMsg)
    : Exception($"WeCom API error {errCode}: {errMsg}")
{
    public int ErrCode { get; } = errCode;

    public string? ErrMsg { get; } = errMsg;
}
