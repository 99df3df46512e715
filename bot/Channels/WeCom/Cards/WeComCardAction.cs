using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.WeCom.Cards;

internal sealed class WeComCardAction
{
    public const int OpenUrl = 1;
    public const int OpenMiniProgram = 2;

    [JsonPropertyName("type")] public int Type { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
    [JsonPropertyName("appid")] public string? AppId { get; init; }
    [JsonPropertyName("pagepath")] public string? PagePath { get; init; }
}
