namespace ChatBot.Cards.AdaptiveCards;

public sealed class Container : CardElement
{
    public List<CardElement> Items { get; set; } = new();
    public string? Style { get; set; }
    public CardAction? SelectAction { get; set; }
    public bool? Bleed { get; set; }
}
