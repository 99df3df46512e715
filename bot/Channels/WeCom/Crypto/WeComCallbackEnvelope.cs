using System.Text.Json;

namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>Reads the ciphertext out of a callback POST body, before any signature check or decryption.</summary>
internal static class WeComCallbackEnvelope
{
    /// <summary>The smart robot's body: {"encrypt": "..."}.</summary>
    public static string ReadEncryptFromJson(string? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("encrypt", out var encrypt)
                && encrypt.ValueKind == JsonValueKind.String
                && encrypt.GetString() is { Length: > 0 } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // reported below
        }

        throw new WeComCryptoException(WeComCryptoErrorCodes.ParseError, "Callback body has no encrypt field");
    }

    /// <summary>The self-built app's body: &lt;xml&gt;&lt;ToUserName/&gt;&lt;AgentID/&gt;&lt;Encrypt/&gt;&lt;/xml&gt;.</summary>
    public static string ReadEncryptFromXml(string? body)
    {
        if (WeComXml.TryParse(body, out var root) && WeComXml.ChildValue(root, "Encrypt") is { } encrypt)
        {
            return encrypt;
        }

        throw new WeComCryptoException(WeComCryptoErrorCodes.ParseError, "Callback body has no Encrypt element");
    }
}
