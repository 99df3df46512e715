using System.Text.Json;

namespace ChatBot.Cards.AdaptiveCards;

/// <summary>
/// Writes a card's JSON: the same JSON, property for property and in the same order, as serializing it with
/// <see cref="CardJson.Options"/>, with the elements list cards are made of (<see cref="TextBlock"/>,
/// <see cref="FactSet"/>) written directly instead of through the serializer's property metadata. The Monday reminder
/// tick writes about 20,000 text blocks; the serializer spent most of its time visiting their unset properties.
/// Every other element, the actions and the JSON objects go through the serializer. A test compares this writer with
/// the serializer on cards with every property set, so a property added to these classes and not written here fails it.
/// </summary>
public static class CardWriter
{
    public static void Write(Utf8JsonWriter w, AdaptiveCard card)
    {
        var options = CardJson.Options;
        w.WriteStartObject();
        w.WriteString("$schema", card.Schema);
        w.WriteString("type", card.Type);
        w.WriteString("version", card.Version);
        Optional(w, "lang", card.Lang);
        Optional(w, "speak", card.Speak);
        w.WritePropertyName("body");
        w.WriteStartArray();
        foreach (var element in card.Body)
        {
            switch (element)
            {
                case TextBlock t: Write(w, t); break;
                case FactSet f: Write(w, f); break;
                default: JsonSerializer.Serialize(w, element, options); break; // as CardElement: with its "type"
            }
        }
        w.WriteEndArray();
        if (card.Actions is not null)
        {
            w.WritePropertyName("actions");
            JsonSerializer.Serialize(w, card.Actions, options);
        }
        if (card.Msteams is not null)
        {
            w.WritePropertyName("msteams");
            JsonSerializer.Serialize(w, card.Msteams, options);
        }
        if (card.Refresh is not null)
        {
            w.WritePropertyName("refresh");
            JsonSerializer.Serialize(w, card.Refresh, options);
        }
        Optional(w, "fallbackText", card.FallbackText);
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, TextBlock t)
    {
        w.WriteStartObject();
        w.WriteString("type", "TextBlock");
        w.WriteString("text", t.Text);
        Optional(w, "size", t.Size);
        Optional(w, "weight", t.Weight);
        Optional(w, "color", t.Color);
        Optional(w, "wrap", t.Wrap);
        Optional(w, "isSubtle", t.IsSubtle);
        if (t.MaxLines is { } maxLines) w.WriteNumber("maxLines", maxLines);
        Optional(w, "horizontalAlignment", t.HorizontalAlignment);
        Optional(w, "style", t.Style);
        Common(w, t);
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, FactSet f)
    {
        w.WriteStartObject();
        w.WriteString("type", "FactSet");
        w.WritePropertyName("facts");
        w.WriteStartArray();
        foreach (var fact in f.Facts)
        {
            w.WriteStartObject();
            w.WriteString("title", fact.Title);
            w.WriteString("value", fact.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Common(w, f);
        w.WriteEndObject();
    }

    /// <summary>What every element has, after its own properties (the serializer's order).</summary>
    private static void Common(Utf8JsonWriter w, CardElement e)
    {
        Optional(w, "id", e.Id);
        Optional(w, "spacing", e.Spacing);
        Optional(w, "separator", e.Separator);
        Optional(w, "isVisible", e.IsVisible);
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Optional(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } b) w.WriteBoolean(name, b);
    }
}
