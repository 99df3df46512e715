using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Cards.AdaptiveCards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
public abstract class CardAction
{
    public string? Id { get; set; }
    public string Title { get; set; } = "";
    public string? Style { get; set; }
}

/// <summary>
/// Action.Submit: the channel sends a message whose value is the card's inputs merged with <see cref="Data"/>.
/// Our convention: Data carries "verb" naming what to do, so Submit and Execute route the same way.
/// </summary>
public sealed class SubmitAction : CardAction
{
    public JsonObject? Data { get; set; }
    /// <summary>"none" for buttons that must not validate the inputs (cancel).</summary>
    public string? AssociatedInputs { get; set; }

    public static SubmitAction For(string title, string verb, object? extra = null)
    {
        var data = new JsonObject { ["verb"] = verb };
        if (extra is not null)
            foreach (var kv in System.Text.Json.JsonSerializer.SerializeToNode(extra, CardJson.Options)!.AsObject())
                data[kv.Key] = kv.Value?.DeepClone();
        return new SubmitAction { Title = title, Data = data };
    }
}

/// <summary>Universal Actions (Teams: invoke adaptiveCard/action).</summary>
public sealed class ExecuteAction : CardAction
{
    public string? Verb { get; set; }
    public JsonObject? Data { get; set; }
    public string? AssociatedInputs { get; set; }
}

public sealed class OpenUrlAction : CardAction
{
    public string Url { get; set; } = "";
}

public sealed class ShowCardAction : CardAction
{
    public AdaptiveCard? Card { get; set; }
}
