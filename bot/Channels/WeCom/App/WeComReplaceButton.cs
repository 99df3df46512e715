using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.App;

internal sealed class WeComReplaceButton
{
    [JsonPropertyName("replace_name")] public required string ReplaceName { get; init; }
}
