namespace ChatBot.Cards.AdaptiveCards;

public sealed class TextBlock : CardElement
{
    public TextBlock() { }
    public TextBlock(string text) { Text = text; }
    private string _text = "";
    public string Text { get => _text; set => _text = MarkdownText.Protect(value); }
    public string? Size { get; set; }
    public string? Weight { get; set; }
    public string? Color { get; set; }
    public bool? Wrap { get; set; } = true;
    public bool? IsSubtle { get; set; }
    public int? MaxLines { get; set; }
    public string? HorizontalAlignment { get; set; }
    public string? Style { get; set; }

    public static TextBlock Title(string text) => new(text) { Size = "Large", Weight = "Bolder" };
    public static TextBlock Heading(string text) => new(text) { Size = "Medium", Weight = "Bolder" };
    public static TextBlock Subtle(string text) => new(text) { IsSubtle = true, Size = "Small" };
    public static TextBlock Error(string text) => new(text) { Color = "Attention", Weight = "Bolder" };
}
