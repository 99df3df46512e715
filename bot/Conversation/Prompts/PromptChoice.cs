using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Prompts;

internal sealed class PromptChoice
{
    public PromptChoice() { }
    public PromptChoice(string value, string title, params string[] synonyms) { Value = value; Title = title; Synonyms = synonyms.Length > 0 ? synonyms.ToList() : null; }
    public string Value { get; set; } = "";
    public string Title { get; set; } = "";
    public List<string>? Synonyms { get; set; }
}
