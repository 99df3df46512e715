using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace ChatBot.Bot.Channels.WeCom;

internal static class WeComJson
{
    /// <summary>
    /// Omits nulls (WeCom rejects some empty fields), keeps Chinese unescaped (smaller bodies, readable logs) and reads
    /// numbers sent as strings leniently.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
