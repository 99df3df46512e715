namespace ChatBot.Cards.AdaptiveCards;

public sealed class FactSet : CardElement
{
    public List<Fact> Facts { get; set; } = new();
    public FactSet Add(string title, string? value) { Facts.Add(new Fact(title, string.IsNullOrEmpty(value) ? "—" : value)); return this; }
}
