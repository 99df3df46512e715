namespace ChatBot.Cards.AdaptiveCards;

public sealed class FactSet : CardElement
{
    public List<Fact> Facts { get; set; } = new();
    public FactSet Add(string title, string? value) { Facts.Add(new Fact(title, string.IsNullOrEmpty(value) ? "—" : value)); return this; }

    /// <summary>Adds the fact only when <paramref name="condition"/> holds (facts a record may not have yet).</summary>
    public FactSet AddIf(bool condition, string title, string? value) => condition ? Add(title, value) : this;
}
