namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>Error codes of WeCom's official WXBizMsgCrypt samples, so logs match WeCom's documentation.</summary>
internal static class WeComCryptoErrorCodes
{
    public const int ValidateSignatureError = -40001;
    public const int ParseError = -40002;
    public const int ComputeSignatureError = -40003;
    public const int IllegalAesKey = -40004;
    public const int ValidateReceiveIdError = -40005;
    public const int EncryptAesError = -40006;
    public const int DecryptAesError = -40007;
    public const int IllegalBuffer = -40008;
    public const int EncodeBase64Error = -40009;
    public const int DecodeBase64Error = -40010;
    public const int GenerateReplyError = -40011;
}
