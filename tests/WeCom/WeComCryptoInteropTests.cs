using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Crypto;
using static ChatBot.Tests.WeCom.WeComTestKeys;

namespace ChatBot.Tests.WeCom;

/// <summary>Our WXBizMsgCrypt against the real npm @wecom/crypto, run by node.</summary>
public class WeComCryptoInteropTests
{
    private const string Chinese = "各村（社区）：今晚20:00召开防汛工作会议，请村支书准时参加。收到请回复「收到」。";

    private static readonly string LongMessage = BuildLongMessage();

    private static WeComCrypto AppCrypto() => new(SampleToken, SampleAesKey, SampleCorpId);

    [Theory]
    [InlineData("hello")]
    [InlineData(Chinese)]
    [InlineData("")]
    public void Node_encrypts_and_we_decrypt(string message)
    {
        var encrypt = NodePeer.Encrypt(SampleAesKey, message, SampleCorpId);

        var (decrypted, receiveId) = AppCrypto().Decrypt(encrypt);

        Assert.Equal(message, decrypted);
        Assert.Equal(SampleCorpId, receiveId);
    }

    [Fact]
    public void Node_encrypts_a_long_message_and_we_decrypt_it()
    {
        var encrypt = NodePeer.Encrypt(SampleAesKey, LongMessage, SampleCorpId);

        Assert.Equal(LongMessage, AppCrypto().Decrypt(encrypt).Message);
    }

    [Fact]
    public void We_encrypt_and_node_decrypts()
    {
        var crypto = AppCrypto();
        var results = NodePeer.Run(
            Decrypt(crypto.Encrypt("hello")),
            Decrypt(crypto.Encrypt(Chinese)),
            Decrypt(crypto.Encrypt(LongMessage)));

        Assert.Equal(["hello", Chinese, LongMessage], results.Select(r => (string)r["message"]!));
        Assert.All(results, r => Assert.Equal(SampleCorpId, (string)r["id"]!));
    }

    [Fact]
    public void Same_random_prefix_gives_byte_identical_ciphertext()
    {
        var random = Convert.ToBase64String(FixedRandom);
        var results = NodePeer.Run(
            new JsonObject { ["op"] = "encrypt", ["key"] = SampleAesKey, ["message"] = Chinese, ["id"] = SampleCorpId, ["random"] = random },
            new JsonObject { ["op"] = "encrypt", ["key"] = SampleAesKey, ["message"] = "{}", ["id"] = "", ["random"] = random });

        Assert.Equal((string)results[0]["encrypt"]!, AppCrypto().Encrypt(Chinese, FixedRandom));
        Assert.Equal((string)results[1]["encrypt"]!, new WeComCrypto(SampleToken, SampleAesKey, "").Encrypt("{}", FixedRandom));
    }

    [Fact]
    public void Signatures_match_nodes_getSignature()
    {
        // Mixed lengths and cases so that the ordinal sort order matters.
        (string Timestamp, string Nonce, string Encrypt)[] inputs =
        [
            (SampleTimestamp, SampleNonce, SampleEchoStr),
            ("1700000000", "Zebra", "apple+/=="),
            ("9", "10", "QDG6eK"),
            ("1700000000", "随机数", "密文"),
        ];
        var crypto = AppCrypto();

        var results = NodePeer.Run(inputs.Select(i => new JsonObject
        {
            ["op"] = "sign", ["token"] = SampleToken, ["timestamp"] = i.Timestamp, ["nonce"] = i.Nonce, ["encrypt"] = i.Encrypt,
        }).ToArray());

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal((string)results[i]["signature"]!, crypto.ComputeSignature(inputs[i].Timestamp, inputs[i].Nonce, inputs[i].Encrypt));
        }
    }

    [Fact]
    public void Callback_signed_and_encrypted_by_node_is_accepted()
    {
        var encrypt = NodePeer.Encrypt(SampleAesKey, Chinese, SampleCorpId);
        var signature = NodePeer.Sign(SampleToken, "1700000000", "nonce", encrypt);

        Assert.Equal(Chinese, AppCrypto().DecryptCallback(signature, "1700000000", "nonce", encrypt));
    }

    [Fact]
    public void Our_encrypted_reply_is_readable_and_verifiable_by_node()
    {
        var reply = AppCrypto().EncryptReply(Chinese, "1700000000", "nonce");

        var results = NodePeer.Run(
            Decrypt(reply.Encrypt),
            new JsonObject { ["op"] = "sign", ["token"] = SampleToken, ["timestamp"] = "1700000000", ["nonce"] = "nonce", ["encrypt"] = reply.Encrypt });

        Assert.Equal(Chinese, (string)results[0]["message"]!);
        Assert.Equal(reply.MsgSignature, (string)results[1]["signature"]!);
    }

    [Fact]
    public void Smart_robot_crypto_accepts_node_ciphertexts_with_any_receive_id()
    {
        var robot = new WeComCrypto(SampleToken, SampleAesKey, receiveId: "");

        Assert.Equal(new WeComPlaintext("{}", ""), robot.Decrypt(NodePeer.Encrypt(SampleAesKey, "{}", "")));
        Assert.Equal(new WeComPlaintext("{}", "aibot-123"), robot.Decrypt(NodePeer.Encrypt(SampleAesKey, "{}", "aibot-123")));
    }

    [Fact]
    public void Node_callback_with_a_bad_signature_is_rejected()
    {
        var encrypt = NodePeer.Encrypt(SampleAesKey, "hi", SampleCorpId);
        var signedWithOtherToken = NodePeer.Sign("other-token", "1700000000", "nonce", encrypt);

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().DecryptCallback(signedWithOtherToken, "1700000000", "nonce", encrypt));

        Assert.Equal(WeComCryptoErrorCodes.ValidateSignatureError, error.ErrorCode);
    }

    [Fact]
    public void Node_ciphertext_for_another_corp_is_rejected()
    {
        var encrypt = NodePeer.Encrypt(SampleAesKey, "hi", "ww-another-corp");

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(encrypt));

        Assert.Equal(WeComCryptoErrorCodes.ValidateReceiveIdError, error.ErrorCode);
    }

    [Fact]
    public void Truncated_node_ciphertext_is_rejected()
    {
        var encrypt = NodePeer.Encrypt(SampleAesKey, Chinese, SampleCorpId, FixedRandom);
        var bytes = Convert.FromBase64String(encrypt);

        var partialBlock = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(Convert.ToBase64String(bytes[..^5])));
        var missingBlock = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(Convert.ToBase64String(bytes[..^16])));

        Assert.Equal(WeComCryptoErrorCodes.DecryptAesError, partialBlock.ErrorCode);
        Assert.Equal(WeComCryptoErrorCodes.DecryptAesError, missingBlock.ErrorCode);
    }

    [Fact]
    public void Node_ciphertext_with_bad_base64_is_rejected()
    {
        var encrypt = NodePeer.Encrypt(SampleAesKey, "hi", SampleCorpId);

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt("%" + encrypt[1..]));

        Assert.Equal(WeComCryptoErrorCodes.DecodeBase64Error, error.ErrorCode);
    }

    [Fact]
    public void Node_ciphertext_under_another_key_is_rejected()
    {
        var encrypt = NodePeer.Encrypt(OtherAesKey, Chinese, SampleCorpId, FixedRandom);

        var error = Assert.Throws<WeComCryptoException>(() => AppCrypto().Decrypt(encrypt));

        Assert.Equal(WeComCryptoErrorCodes.DecryptAesError, error.ErrorCode);
    }

    private static JsonObject Decrypt(string encrypt) =>
        new() { ["op"] = "decrypt", ["key"] = SampleAesKey, ["encrypt"] = encrypt };

    private static string BuildLongMessage()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 60_000; i++)
        {
            text.Append(i).Append("、村民议事会纪要 Meeting notes 😀 ");
        }

        return text.ToString();
    }
}
