using System.Text;
using ChatBot.Bot.Channels.BotFramework;

namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>
/// The checks every WeCom callback passes before anything else happens: the crypto is configured, the signed
/// timestamp is fresh, the signature matches and the body decrypts. A failure answers 4xx with a short reason and
/// touches no state.
/// </summary>
internal sealed class WeComCallbackGate(WeComTimestampValidator timestamps, ILogger<WeComCallbackGate> log)
{
    public readonly record struct Outcome(string? Plaintext, IResult? Error);

    /// <summary>URL verification (GET ?msg_signature&amp;timestamp&amp;nonce&amp;echostr): the echostr plaintext.</summary>
    public Outcome VerifyUrl(HttpRequest request, Func<WeComCrypto> crypto)
    {
        var q = request.Query;
        return Open(crypto, q["msg_signature"], q["timestamp"], q["nonce"], () => q["echostr"].ToString(), "URL verification");
    }

    /// <summary>An encrypted POST: reads the ciphertext with <paramref name="readEncrypt"/> and returns the plaintext.</summary>
    public async Task<Outcome> DecryptPostAsync(HttpRequest request, Func<WeComCrypto> crypto, Func<string, string> readEncrypt, int maxBytes)
    {
        var body = await HttpBody.ReadLimitedAsync(request, maxBytes, request.HttpContext.RequestAborted);
        if (body.Error is { } error) return new Outcome(null, error);
        var q = request.Query;
        var text = Encoding.UTF8.GetString(body.Bytes);
        return Open(crypto, q["msg_signature"], q["timestamp"], q["nonce"], () => readEncrypt(text), "callback");
    }

    private Outcome Open(Func<WeComCrypto> cryptoFactory, string? signature, string? timestamp, string? nonce, Func<string> readEncrypt, string what)
    {
        WeComCrypto crypto;
        try { crypto = cryptoFactory(); }
        catch (Exception ex) when (ex is WeComCryptoException or ArgumentException)
        {
            log.LogError("WeCom {What} refused: the callback Token/EncodingAESKey are not configured", what);
            return new Outcome(null, HttpBody.Problem(503, "WeCom callback crypto is not configured."));
        }
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce))
            return Reject(400, "msg_signature, timestamp and nonce are required.", what);
        if (!timestamps.IsFresh(timestamp))
            return Reject(403, "The timestamp is missing or too old.", what);
        string encrypt;
        try { encrypt = readEncrypt(); }
        catch (WeComCryptoException) { return Reject(400, "The body has no ciphertext.", what); }
        if (string.IsNullOrEmpty(encrypt)) return Reject(400, "The ciphertext is empty.", what);
        if (!crypto.VerifySignature(signature, timestamp, nonce, encrypt))
            return Reject(401, "The signature does not match.", what);
        try { return new Outcome(crypto.Decrypt(encrypt).Message, null); }
        catch (WeComCryptoException ex)
        {
            log.LogWarning("WeCom {What}: signed body did not decrypt ({Code})", what, ex.ErrorCode);
            return Reject(400, "The body could not be decrypted.", what);
        }
    }

    private Outcome Reject(int status, string reason, string what)
    {
        log.LogWarning("Rejected WeCom {What}: {Reason}", what, reason);
        return new Outcome(null, HttpBody.Problem(status, reason));
    }
}
