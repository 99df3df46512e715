using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>An encrypted, signed passive reply, in the two envelopes WeCom accepts.</summary>
internal sealed record WeComEncryptedReply(string Encrypt, string MsgSignature, string Timestamp, string Nonce)
{
    /// <summary>The smart robot's envelope: {"encrypt","msgsignature","timestamp","nonce"}, timestamp as a number.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("encrypt", Encrypt);
            writer.WriteString("msgsignature", MsgSignature);
            if (long.TryParse(Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                writer.WriteNumber("timestamp", seconds);
            }
            else
            {
                writer.WriteString("timestamp", Timestamp);
            }

            writer.WriteString("nonce", Nonce);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The self-built app's envelope: &lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;.</summary>
    public string ToXml() =>
        new XElement("xml",
                new XElement("Encrypt", new XCData(Encrypt)),
                new XElement("MsgSignature", new XCData(MsgSignature)),
                new XElement("TimeStamp", Timestamp),
                new XElement("Nonce", new XCData(Nonce)))
            .ToString(SaveOptions.DisableFormatting);
}
