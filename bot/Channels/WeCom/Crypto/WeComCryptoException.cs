namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>
/// Any failure of the callback crypto. Callers catch this one type (and answer 4xx) instead of the many exception
/// types the BCL would otherwise throw for hostile input.
/// </summary>
internal sealed class WeComCryptoException : Exception
{
    public WeComCryptoException(int errorCode, string message, Exception? innerException = null)
        : base($"{message} ({errorCode})", innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>One of <see cref="WeComCryptoErrorCodes"/>.</summary>
    public int ErrorCode { get; }
}
