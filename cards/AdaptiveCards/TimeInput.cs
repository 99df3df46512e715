namespace ChatBot.Cards.AdaptiveCards;

public sealed class TimeInput : CardInput
{
    /// <summary>HH:mm</summary>
    public string? Value { get; set; }
}
