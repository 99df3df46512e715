namespace ChatBot.Cards.AdaptiveCards;

public sealed class NumberInput : CardInput
{
    public string? Placeholder { get; set; }
    public double? Value { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
}
