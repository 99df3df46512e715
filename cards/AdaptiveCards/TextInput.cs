namespace ChatBot.Cards.AdaptiveCards;

public sealed class TextInput : CardInput
{
    public string? Placeholder { get; set; }
    public string? Value { get; set; }
    public bool? IsMultiline { get; set; }
    public int? MaxLength { get; set; }
    public string? Regex { get; set; }
    public string? Style { get; set; }
}
