using System.Text.Json.Nodes;

namespace ChatBot.Cards.AdaptiveCards;

/// <summary>Universal Actions (Teams: invoke adaptiveCard/action).</summary>
public sealed class ExecuteAction : CardAction
{
    public string? Verb { get; set; }
    public JsonObject? Data { get; set; }
    public string? AssociatedInputs { get; set; }
}
