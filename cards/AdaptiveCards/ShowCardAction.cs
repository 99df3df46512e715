using System.Text.Json.Serialization;

namespace ChatBot.Cards.AdaptiveCards;

public sealed class ShowCardAction : CardAction
{
    public AdaptiveCard? Card { get; set; }
}
