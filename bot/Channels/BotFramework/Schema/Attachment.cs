using System.Text.Json.Serialization;

namespace ChatBot.Bot.Channels.BotFramework.Schema;

public sealed class Attachment
{
    public string ContentType { get; set; } = "";
    public string? ContentUrl { get; set; }
    public object? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";
}
