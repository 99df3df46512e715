using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardButton
{
    [JsonPropertyName("text")] public required string Text { get; init; }

    /// <summary>WeCom's button styles 1-4 (4 is the highlighted one in the docs' example).</summary>
    [JsonPropertyName("style")] public int? Style { get; init; }

    /// <summary>Comes back as event_key / EventKey when clicked.</summary>
    [JsonPropertyName("key")] public required string Key { get; init; }
}
