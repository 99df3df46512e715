using System.Text.Json.Serialization;

namespace ChatBot.Cards.AdaptiveCards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(Image), "Image")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(TimeInput), "Input.Time")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
public abstract class CardElement
{
    public string? Id { get; set; }
    public string? Spacing { get; set; }
    public bool? Separator { get; set; }
    public bool? IsVisible { get; set; }
}

public sealed class TextBlock : CardElement
{
    public TextBlock() { }
    public TextBlock(string text) { Text = text; }
    private string _text = "";
    public string Text { get => _text; set => _text = MarkdownText.Protect(value); }
    public string? Size { get; set; }
    public string? Weight { get; set; }
    public string? Color { get; set; }
    public bool? Wrap { get; set; } = true;
    public bool? IsSubtle { get; set; }
    public int? MaxLines { get; set; }
    public string? HorizontalAlignment { get; set; }
    public string? Style { get; set; }

    public static TextBlock Title(string text) => new(text) { Size = "Large", Weight = "Bolder" };
    public static TextBlock Heading(string text) => new(text) { Size = "Medium", Weight = "Bolder" };
    public static TextBlock Subtle(string text) => new(text) { IsSubtle = true, Size = "Small" };
    public static TextBlock Error(string text) => new(text) { Color = "Attention", Weight = "Bolder" };
}

public sealed class Fact
{
    public Fact() { }
    public Fact(string title, string value) { Title = title; Value = value; }
    private string _title = "", _value = "";
    public string Title { get => _title; set => _title = MarkdownText.Protect(value); }
    public string Value { get => _value; set => _value = MarkdownText.Protect(value); }
}

public sealed class FactSet : CardElement
{
    public List<Fact> Facts { get; set; } = new();
    public FactSet Add(string title, string? value) { Facts.Add(new Fact(title, string.IsNullOrEmpty(value) ? "—" : value)); return this; }

    /// <summary>Adds the fact only when <paramref name="condition"/> holds (facts a record may not have yet).</summary>
    public FactSet AddIf(bool condition, string title, string? value) => condition ? Add(title, value) : this;
}

public sealed class Container : CardElement
{
    public List<CardElement> Items { get; set; } = new();
    public string? Style { get; set; }
    public CardAction? SelectAction { get; set; }
    public bool? Bleed { get; set; }
}

public sealed class ColumnSet : CardElement
{
    public List<Column> Columns { get; set; } = new();
}

public sealed class Column
{
    public string Type => "Column";
    public string? Width { get; set; }
    public List<CardElement> Items { get; set; } = new();
    public string? VerticalContentAlignment { get; set; }
}

public sealed class ActionSet : CardElement
{
    public List<CardAction> Actions { get; set; } = new();
}

public sealed class Image : CardElement
{
    public string Url { get; set; } = "";
    public string? AltText { get; set; }
    public string? Size { get; set; }
}

/// <summary>An input; the error message and label are what Adaptive Cards 1.3+ show beside it.</summary>
public abstract class CardInput : CardElement
{
    public string? Label { get; set; }
    public bool? IsRequired { get; set; }
    public string? ErrorMessage { get; set; }
}

public sealed class TextInput : CardInput
{
    public string? Placeholder { get; set; }
    public string? Value { get; set; }
    public bool? IsMultiline { get; set; }
    public int? MaxLength { get; set; }
    public string? Regex { get; set; }
    public string? Style { get; set; }
}

public sealed class NumberInput : CardInput
{
    public string? Placeholder { get; set; }
    public double? Value { get; set; }
    public double? Min { get; set; }
    public double? Max { get; set; }
}

public sealed class DateInput : CardInput
{
    /// <summary>yyyy-MM-dd</summary>
    public string? Value { get; set; }
    public string? Min { get; set; }
    public string? Max { get; set; }
}

public sealed class TimeInput : CardInput
{
    /// <summary>HH:mm</summary>
    public string? Value { get; set; }
}

public sealed class Choice
{
    public Choice() { }
    public Choice(string title, string value) { Title = title; Value = value; }
    public string Title { get; set; } = "";
    public string Value { get; set; } = "";
}

public sealed class ChoiceSetInput : CardInput
{
    public List<Choice> Choices { get; set; } = new();
    public string? Value { get; set; }
    /// <summary>compact (drop-down) or expanded (radio buttons / check boxes).</summary>
    public string? Style { get; set; }
    public bool? IsMultiSelect { get; set; }
    public string? Placeholder { get; set; }
}

public sealed class ToggleInput : CardInput
{
    public string Title { get; set; } = "";
    public string? Value { get; set; }
    public string? ValueOn { get; set; }
    public string? ValueOff { get; set; }
}
