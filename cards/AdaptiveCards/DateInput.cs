namespace ChatBot.Cards.AdaptiveCards;

public sealed class DateInput : CardInput
{
    /// <summary>yyyy-MM-dd</summary>
    public string? Value { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
}
