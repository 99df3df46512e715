namespace ChatBot.Cards.AdaptiveCards;

public sealed class ActionSet : CardElement
{
    public List<CardAction> Actions { get; set; } = new();
}
