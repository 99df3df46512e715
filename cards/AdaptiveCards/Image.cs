namespace ChatBot.Cards.AdaptiveCards;

public sealed class Image : CardElement
{
    public string Url { get; set; } = "";
    public string? AltText { get; set; }
    public string? Size { get; set; }
}
