namespace ChatBot.Cards.AdaptiveCards;

public sealed class Fact
{
    public Fact() { }
    public Fact(string title, string value) { Title = title; Value = value; }
    private string _title = "", _value = "";
    public string Title { get => _title; set => _title = MarkdownText.Protect(value); }
    public string Value { get => _value; set => _value = MarkdownText.Protect(value); }
}
