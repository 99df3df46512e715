using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Cards.AdaptiveCards;

/// <summary>
/// A small typed model of the Adaptive Card schema (version 1.5, the highest Teams renders). Only what our cards use;
/// the official adaptivecards JS parser checks every card in the tests.
/// </summary>
public sealed class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyName("$schema")] public string Schema { get; set; } = SchemaUrl;
    public string Type => "AdaptiveCard";
    public string Version { get; set; } = "1.5";
    /// <summary>Left unset: adaptivecards 3.0.6 validates "lang" with a global regex whose lastIndex leaks between
    /// cards, so every second card with a lang is reported invalid.</summary>
    public string? Lang { get; set; }
    public string? Speak { get; set; }
    public List<CardElement> Body { get; set; } = new();
    public List<CardAction>? Actions { get; set; }
    /// <summary>Teams: {"width":"Full"} and mention entities.</summary>
    public JsonObject? Msteams { get; set; }
    /// <summary>Universal Actions: a refresh that re-renders the card per user.</summary>
    public JsonObject? Refresh { get; set; }
    public string? FallbackText { get; set; }

    public AdaptiveCard Add(params CardElement[] elements) { Body.AddRange(elements); return this; }

    public AdaptiveCard AddAction(CardAction action) { (Actions ??= new()).Add(action); return this; }

    public string ToJson(bool indented = false) =>
        JsonSerializer.Serialize(this, indented ? CardJson.Indented : CardJson.Options);

    public JsonObject ToJsonObject() => JsonSerializer.SerializeToNode(this, CardJson.Options)!.AsObject();

    public static AdaptiveCard Parse(string json) => JsonSerializer.Deserialize<AdaptiveCard>(json, CardJson.Options)
        ?? throw new JsonException("empty card");

    /// <summary>All inputs of the card, in document order (inside containers, columns and show-cards too).</summary>
    public IEnumerable<CardInput> Inputs() => CardTree.Walk(Body, Actions).OfType<CardInput>();
}
