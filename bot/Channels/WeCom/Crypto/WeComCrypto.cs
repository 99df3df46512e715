using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>
/// WeCom's callback crypto (WXBizMsgCrypt): SHA1 message signatures and AES-256-CBC with the IV taken from the key and
/// PKCS#7 padding to 32-byte blocks. One instance per (token, EncodingAESKey, receive id); thread-safe.
/// </summary>
internal sealed class WeComCrypto
{
    private const int PaddingBlockSize = 32; // WeCom pads to 32 bytes, not to the AES block size of 16
    private const int AesBlockSize = 16;
    private const int RandomPrefixLength = 16;
    private const int LengthFieldSize = 4;
    private const int EncodingAesKeyLength = 43;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _iv;
    private readonly byte[] _receiveIdBytes;

    /// <param name="token">The callback Token configured in the WeCom admin console.</param>
    /// <param name="encodingAesKey">The 43-character EncodingAESKey.</param>
    /// <param name="receiveId">
    /// The corp id for app callbacks. Empty (or null) accepts any receive id, as the smart robot needs, and encrypts
    /// replies with an empty one.
    /// </param>
    public WeComCrypto(string token, string encodingAesKey, string? receiveId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _token = token;
        _key = DecodeKey(encodingAesKey);
        _iv = _key[..AesBlockSize];
        ReceiveId = receiveId ?? string.Empty;
        _receiveIdBytes = Encoding.UTF8.GetBytes(ReceiveId);
    }

    public string ReceiveId { get; }

    /// <summary>Hex lowercase SHA1 of token, timestamp, nonce and encrypt, sorted ordinally and concatenated.</summary>
    public string ComputeSignature(string? timestamp, string? nonce, string? encrypt)
    {
        string[] parts = [_token, timestamp ?? string.Empty, nonce ?? string.Empty, encrypt ?? string.Empty];
        Array.Sort(parts, StringComparer.Ordinal);
        try
        {
            return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
        }
        catch (CryptographicException e)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.ComputeSignatureError, "SHA1 failed", e);
        }
    }

    /// <summary>Compares in constant time so the expected signature cannot be probed byte by byte.</summary>
    public bool VerifySignature(string? msgSignature, string? timestamp, string? nonce, string? encrypt)
    {
        if (string.IsNullOrEmpty(msgSignature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(ComputeSignature(timestamp, nonce, encrypt));
        var actual = Encoding.ASCII.GetBytes(msgSignature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>URL verification (GET): checks the signature and returns the echostr plaintext to answer with.</summary>
    public string VerifyUrl(string? msgSignature, string? timestamp, string? nonce, string? echostr) =>
        DecryptCallback(msgSignature, timestamp, nonce, echostr);

    /// <summary>Checks the signature first, so unsigned ciphertexts never reach the decryptor.</summary>
    public string DecryptCallback(string? msgSignature, string? timestamp, string? nonce, string? encrypt)
    {
        if (!VerifySignature(msgSignature, timestamp, nonce, encrypt))
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.ValidateSignatureError, "Signature check failed");
        }

        return Decrypt(encrypt!).Message;
    }

    /// <summary>Encrypts a passive reply and signs it with the callback's timestamp and nonce.</summary>
    public WeComEncryptedReply EncryptReply(string message, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        var encrypt = Encrypt(message);
        return new WeComEncryptedReply(encrypt, ComputeSignature(timestamp, nonce, encrypt), timestamp, nonce);
    }

    public WeComPlaintext Decrypt(string encrypt)
    {
        var cipher = DecodeBase64(encrypt);
        if (cipher.Length == 0 || cipher.Length % AesBlockSize != 0)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.DecryptAesError, "Ciphertext is not whole AES blocks");
        }

        byte[] padded;
        try
        {
            using var aes = CreateAes();
            padded = aes.DecryptCbc(cipher, _iv, PaddingMode.None);
        }
        catch (CryptographicException e)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.DecryptAesError, "AES decrypt failed", e);
        }

        var plaintext = Unpad(padded);
        return ParsePlaintext(plaintext);
    }

    /// <param name="message">The plaintext message (UTF-8 encoded on the wire).</param>
    /// <param name="random">16 random bytes; fresh ones when null (tests pass fixed ones).</param>
    public string Encrypt(string message, byte[]? random = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random is not null && random.Length != RandomPrefixLength)
        {
            throw new ArgumentException($"The random prefix must be {RandomPrefixLength} bytes.", nameof(random));
        }

        var messageBytes = Encoding.UTF8.GetBytes(message);
        var contentLength = RandomPrefixLength + LengthFieldSize + messageBytes.Length + _receiveIdBytes.Length;
        var padLength = PaddingBlockSize - contentLength % PaddingBlockSize; // 1..32: a full block when aligned
        var plain = new byte[contentLength + padLength];

        var span = plain.AsSpan();
        if (random is null)
        {
            RandomNumberGenerator.Fill(span[..RandomPrefixLength]);
        }
        else
        {
            random.CopyTo(span);
        }

        BinaryPrimitives.WriteInt32BigEndian(span.Slice(RandomPrefixLength, LengthFieldSize), messageBytes.Length);
        messageBytes.CopyTo(span[(RandomPrefixLength + LengthFieldSize)..]);
        _receiveIdBytes.CopyTo(span[(RandomPrefixLength + LengthFieldSize + messageBytes.Length)..]);
        span[contentLength..].Fill((byte)padLength);

        try
        {
            using var aes = CreateAes();
            return Convert.ToBase64String(aes.EncryptCbc(plain, _iv, PaddingMode.None));
        }
        catch (CryptographicException e)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.EncryptAesError, "AES encrypt failed", e);
        }
    }

    private static byte[] DecodeKey(string? encodingAesKey)
    {
        if (encodingAesKey is not { Length: EncodingAesKeyLength })
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.IllegalAesKey, "EncodingAESKey must be 43 characters");
        }

        try
        {
            var key = Convert.FromBase64String(encodingAesKey + "=");
            if (key.Length == 32)
            {
                return key;
            }
        }
        catch (FormatException)
        {
            // reported below, with the same code as a key of the wrong size
        }

        throw new WeComCryptoException(WeComCryptoErrorCodes.IllegalAesKey, "EncodingAESKey is not valid Base64 of 32 bytes");
    }

    private static byte[] DecodeBase64(string? encrypt)
    {
        if (string.IsNullOrEmpty(encrypt))
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.DecodeBase64Error, "Ciphertext is empty");
        }

        try
        {
            return Convert.FromBase64String(encrypt);
        }
        catch (FormatException e)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.DecodeBase64Error, "Ciphertext is not Base64", e);
        }
    }

    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }

    /// <summary>Strict PKCS#7: any pad length 1..32 whose bytes all repeat it. Anything else means a wrong key or tampering.</summary>
    private static ReadOnlySpan<byte> Unpad(byte[] padded)
    {
        int padLength = padded[^1];
        if (padLength is < 1 or > PaddingBlockSize || padLength > padded.Length)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.DecryptAesError, "Bad padding");
        }

        if (padded.AsSpan(padded.Length - padLength).IndexOfAnyExcept((byte)padLength) >= 0)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.DecryptAesError, "Bad padding");
        }

        return padded.AsSpan(0, padded.Length - padLength);
    }

    private WeComPlaintext ParsePlaintext(ReadOnlySpan<byte> content)
    {
        const int header = RandomPrefixLength + LengthFieldSize;
        if (content.Length < header)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.IllegalBuffer, "Plaintext shorter than its header");
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(RandomPrefixLength, LengthFieldSize));
        if (messageLength > (uint)(content.Length - header))
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.IllegalBuffer, "Message length exceeds the plaintext");
        }

        var messageBytes = content.Slice(header, (int)messageLength);
        var receiveIdBytes = content[(header + (int)messageLength)..];

        string message, receiveId;
        try
        {
            message = StrictUtf8.GetString(messageBytes);
            receiveId = StrictUtf8.GetString(receiveIdBytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.IllegalBuffer, "Plaintext is not UTF-8", e);
        }

        if (_receiveIdBytes.Length > 0 && !receiveIdBytes.SequenceEqual(_receiveIdBytes))
        {
            throw new WeComCryptoException(WeComCryptoErrorCodes.ValidateReceiveIdError, "Receive id mismatch");
        }

        return new WeComPlaintext(message, receiveId);
    }
}
