namespace ChatBot.Cards.AdaptiveCards;

public sealed class ColumnSet : CardElement
{
    public List<Column> Columns { get; set; } = new();
}
