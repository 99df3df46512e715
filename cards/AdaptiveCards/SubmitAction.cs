using System.Text.Json.Nodes;

namespace ChatBot.Cards.AdaptiveCards;

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
