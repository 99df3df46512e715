namespace ChatBot.Cards.AdaptiveCards;

public sealed class Choice
{
    public Choice() { }
    public Choice(string title, string value) { Title = title; Value = value; }
    public string Title { get; set; } = "";
    public string Value { get; set; } = "";
}
