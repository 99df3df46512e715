namespace ChatBot.Bot.Conversation.Prompts;

/// <summary>One line of a confirmation summary (<see cref="PromptOptions.Facts"/>).</summary>
internal sealed class PromptFact
{
    public PromptFact() { }
    public PromptFact(string title, string value) { Title = title; Value = value; }
    public string Title { get; set; } = "";
    public string Value { get; set; } = "";
}
