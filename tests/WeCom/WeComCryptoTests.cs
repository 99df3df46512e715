using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Crypto;
using static ChatBot.Tests.WeCom.WeComTestKeys;

namespace ChatBot.Tests.WeCom;

public class WeComCryptoTests
{
    private static WeComCrypto AppCrypto() => new(SampleToken, SampleAesKey, SampleCorpId);

    private static WeComCrypto RobotCrypto() => new(SampleToken, SampleAesKey, receiveId: "");

    [Fact]
    public void Official_sample_url_verification_returns_the_echo_plaintext()
    {
        var plaintext = AppCrypto().VerifyUrl(SampleMsgSignature, SampleTimestamp, SampleNonce, SampleEchoStr);

        Assert.Equal(SampleEchoPlaintext, plaintext);
    }

    [Fact]
    public void Official_sample_signature_is_reproduced()
    {
        Assert.Equal(SampleMsgSignature, AppCrypto().ComputeSignature(SampleTimestamp, SampleNonce, SampleEchoStr));
    }

    [Fact]
    public void Signature_check_ignores_hex_case_and_rejects_anything_else()
    {
        var crypto = AppCrypto();

        Assert.True(crypto.VerifySignature(SampleMsgSignature.ToUpperInvariant(), SampleTimestamp, SampleNonce, SampleEchoStr));
        Assert.False(crypto.VerifySignature(SampleMsgSignature[..^1] + "0", SampleTimestamp, SampleNonce, SampleEchoStr));
        Assert.False(crypto.VerifySignature(SampleMsgSignature, "1409659590", SampleNonce, SampleEchoStr));
        Assert.False(crypto.VerifySignature(null, SampleTimestamp, SampleNonce, SampleEchoStr));
        Assert.False(crypto.VerifySignature("", SampleTimestamp, SampleNonce, SampleEchoStr));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("乡镇政府：请于本周五前提交防汛值班表。🌧️")]
    public void Encrypt_then_decrypt_round_trips(string message)
    {
        var crypto = AppCrypto();

        var (decrypted, receiveId) = crypto.Decrypt(crypto.Encrypt(message));

        Assert.Equal(message, decrypted);
        Assert.Equal(SampleCorpId, receiveId);
    }

    [Fact]
    public void Encryption_is_randomized_unless_a_random_prefix_is_given()
    {
        var crypto = AppCrypto();

        Assert.NotEqual(crypto.Encrypt("same"), crypto.Encrypt("same"));
        Assert.Equal(crypto.Encrypt("same", FixedRandom), crypto.Encrypt("same", FixedRandom));
    }

    [Fact]
    public void Padding_fills_to_32_byte_blocks_and_adds_a_whole_block_when_aligned()
    {
        var crypto = AppCrypto();
        // 16 random + 4 length + 22 message + 18 corp id = 60 bytes -> padded to 64
        var unaligned = Convert.FromBase64String(crypto.Encrypt(new string('a', 22)));
        // 16 + 4 + 26 + 18 = 64 exactly -> a full 32-byte padding block is added
        var aligned = Convert.FromBase64String(crypto.Encrypt(new string('a', 26)));

        Assert.Equal(64, unaligned.Length);
        Assert.Equal(96, aligned.Length);
        Assert.Equal(new string('a', 26), crypto.Decrypt(Convert.ToBase64String(aligned)).Message);
    }

    [Fact]
    public void Bad_signature_is_rejected_before_decryption()
    {
        var crypto = AppCrypto();
        var encrypt = crypto.Encrypt("hi");

        var error = Assert.Throws<WeComCryptoException>(() => crypto.DecryptCallback("0000", "1", "2", encrypt));

        Assert.Equal(WeComCryptoErrorCodes.ValidateSignatureError, error.ErrorCode);
    }

    [Fact]
    public void Wrong_receive_id_is_rejected()
    {
        var other = new WeComCrypto(SampleToken, SampleAesKey, "ww-other-corp");

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(other.Encrypt("hi")));

        Assert.Equal(WeComCryptoErrorCodes.ValidateReceiveIdError, error.ErrorCode);
    }

    [Fact]
    public void Empty_configured_receive_id_accepts_any_and_reports_it()
    {
        var (message, receiveId) = RobotCrypto().Decrypt(AppCrypto().Encrypt("hi"));

        Assert.Equal("hi", message);
        Assert.Equal(SampleCorpId, receiveId);
    }

    [Fact]
    public void Ciphertext_that_is_not_whole_blocks_fails_as_decrypt_error()
    {
        var encrypt = AppCrypto().Encrypt("hello township");

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(encrypt[..^4]));

        Assert.Equal(WeComCryptoErrorCodes.DecryptAesError, error.ErrorCode);
    }

    [Fact]
    public void Ciphertext_missing_its_last_block_fails_as_decrypt_error()
    {
        var bytes = Convert.FromBase64String(AppCrypto().Encrypt("hello township", FixedRandom));

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(Convert.ToBase64String(bytes[..^16])));

        Assert.Equal(WeComCryptoErrorCodes.DecryptAesError, error.ErrorCode);
    }

    [Theory]
    [InlineData("!!!! not base64 !!!!")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    public void Garbage_base64_fails_as_decode_error(string? encrypt)
    {
        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(encrypt!));

        Assert.Equal(WeComCryptoErrorCodes.DecodeBase64Error, error.ErrorCode);
    }

    [Fact]
    public void Wrong_key_fails_as_decrypt_error()
    {
        var encrypt = new WeComCrypto(SampleToken, OtherAesKey, SampleCorpId).Encrypt("hello township", FixedRandom);

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(encrypt));

        Assert.Equal(WeComCryptoErrorCodes.DecryptAesError, error.ErrorCode);
    }

    [Fact]
    public void Length_field_beyond_the_plaintext_fails_as_illegal_buffer()
    {
        var plain = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(16), uint.MaxValue);
        plain.AsSpan(32).Fill(32);

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(RawEncrypt(plain)));

        Assert.Equal(WeComCryptoErrorCodes.IllegalBuffer, error.ErrorCode);
    }

    [Fact]
    public void Plaintext_shorter_than_its_header_fails_as_illegal_buffer()
    {
        var plain = new byte[32];
        plain.AsSpan(10).Fill(22); // 10 content bytes, 22 bytes of padding

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(RawEncrypt(plain)));

        Assert.Equal(WeComCryptoErrorCodes.IllegalBuffer, error.ErrorCode);
    }

    [Fact]
    public void Hostile_ciphertexts_only_ever_raise_the_crypto_exception()
    {
        var random = new Random(20251123);
        var crypto = RobotCrypto();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 8) * 16 + (i % 7 == 0 ? random.Next(1, 16) : 0)];
            random.NextBytes(bytes);
            try
            {
                crypto.Decrypt(Convert.ToBase64String(bytes));
            }
            catch (WeComCryptoException)
            {
                // expected; any other exception type fails the test
            }
        }
    }

    [Theory]
    [InlineData("tooShort")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDE!G")]
    [InlineData(null)]
    public void Bad_encoding_aes_key_is_rejected(string? key)
    {
        var error = Assert.Throws<WeComCryptoException>(() => new WeComCrypto(SampleToken, key!, SampleCorpId));

        Assert.Equal(WeComCryptoErrorCodes.IllegalAesKey, error.ErrorCode);
    }

    [Fact]
    public void Json_reply_carries_a_signed_ciphertext_and_a_numeric_timestamp()
    {
        var crypto = RobotCrypto();
        var reply = crypto.EncryptReply("""{"msgtype":"stream"}""", "1700000000", "nonce-1");

        using var json = JsonDocument.Parse(reply.ToJson());
        var root = json.RootElement;

        Assert.Equal(JsonValueKind.Number, root.GetProperty("timestamp").ValueKind);
        Assert.Equal(1700000000, root.GetProperty("timestamp").GetInt64());
        Assert.Equal("nonce-1", root.GetProperty("nonce").GetString());
        var encrypt = root.GetProperty("encrypt").GetString();
        Assert.True(crypto.VerifySignature(root.GetProperty("msgsignature").GetString(), "1700000000", "nonce-1", encrypt));
        Assert.Equal("""{"msgtype":"stream"}""", crypto.Decrypt(encrypt!).Message);
    }

    [Fact]
    public void Xml_reply_uses_the_app_envelope()
    {
        var crypto = AppCrypto();
        var reply = crypto.EncryptReply("<xml><Content>好</Content></xml>", "1700000000", "n");

        var xml = XElement.Parse(reply.ToXml());

        Assert.Equal("xml", xml.Name.LocalName);
        Assert.Equal("1700000000", xml.Element("TimeStamp")!.Value);
        Assert.Equal("n", xml.Element("Nonce")!.Value);
        var encrypt = xml.Element("Encrypt")!.Value;
        Assert.Equal(reply.MsgSignature, xml.Element("MsgSignature")!.Value);
        Assert.Equal("<xml><Content>好</Content></xml>", crypto.DecryptCallback(reply.MsgSignature, "1700000000", "n", encrypt));
    }

    [Fact]
    public void Envelope_readers_extract_the_ciphertext_or_fail_as_parse_error()
    {
        Assert.Equal("abc", WeComCallbackEnvelope.ReadEncryptFromJson("""{"encrypt":"abc"}"""));
        Assert.Equal("abc", WeComCallbackEnvelope.ReadEncryptFromXml(
            "<xml><ToUserName><![CDATA[ww1]]></ToUserName><AgentID>1</AgentID><Encrypt><![CDATA[abc]]></Encrypt></xml>"));

        foreach (var body in new[] { "", "[]", """{"encrypt":1}""", "{not json" })
        {
            Assert.Equal(WeComCryptoErrorCodes.ParseError,
                Assert.Throws<WeComCryptoException>(() => WeComCallbackEnvelope.ReadEncryptFromJson(body)).ErrorCode);
        }

        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <xml><Encrypt>&secret;</Encrypt></xml>
            """;
        foreach (var body in new[] { "", "<xml></xml>", "<xml><Encrypt>", xxe })
        {
            Assert.Equal(WeComCryptoErrorCodes.ParseError,
                Assert.Throws<WeComCryptoException>(() => WeComCallbackEnvelope.ReadEncryptFromXml(body)).ErrorCode);
        }
    }

    /// <summary>AES-256-CBC with the sample key and no padding, to forge structurally bad plaintexts.</summary>
    private static string RawEncrypt(byte[] plain)
    {
        var key = Convert.FromBase64String(SampleAesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }
}
