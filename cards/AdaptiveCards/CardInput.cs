namespace ChatBot.Cards.AdaptiveCards;

/// <summary>An input; the error message and label are what Adaptive Cards 1.3+ show beside it.</summary>
public abstract class CardInput : CardElement
{
    public string? Label { get; set; }
    public bool? IsRequired { get; set; }
    public string? ErrorMessage { get; set; }
}
