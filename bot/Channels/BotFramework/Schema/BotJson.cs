using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.BotFramework.Schema;

public static class BotJson
{
    /// <summary>Options for all Bot Framework wire JSON: camelCase, nulls left out, enums as strings.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }
}
