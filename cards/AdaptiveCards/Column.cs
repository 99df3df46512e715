namespace ChatBot.Cards.AdaptiveCards;

public sealed class Column
{
    public string Type => "Column";
    public string? Width { get; set; }
    public List<CardElement> Items { get; set; } = new();
    public string? VerticalContentAlignment { get; set; }
}
