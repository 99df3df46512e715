using System.Text.Json.Serialization;

namespace ChatBot.Cards.AdaptiveCards;

public sealed class OpenUrlAction : CardAction
{
    public string Url { get; set; } = "";
}
