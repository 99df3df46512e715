namespace ChatBot.Cards.AdaptiveCards;

public sealed class ToggleInput : CardInput
{
    public string Title { get; set; } = "";
    public string? Value { get; set; }
    public string? ValueOn { get; set; }
    public string? ValueOff { get; set; }
}
