using System.Diagnostics.CodeAnalysis;
using System.Xml;
using System.Xml.Linq;

namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>
/// Parses untrusted callback XML: no DTDs (so no entity expansion, no XXE), no external resolution, bounded size.
/// </summary>
internal static class WeComXml
{
    private const long MaxCharacters = 1_000_000; // WeCom callbacks are a few KB

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static bool TryParse(string? xml, [NotNullWhen(true)] out XElement? root)
    {
        root = null;
        if (string.IsNullOrWhiteSpace(xml))
        {
            return false;
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            root = XElement.Load(reader);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <summary>The trimmed text of a direct child element, or null when it is absent or empty.</summary>
    public static string? ChildValue(XElement parent, string name)
    {
        var value = parent.Element(name)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
