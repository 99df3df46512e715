namespace ChatBot.Cards.AdaptiveCards;

public sealed class ChoiceSetInput : CardInput
{
    public List<Choice> Choices { get; set; } = new();
    public string? Value { get; set; }
    /// <summary>compact (drop-down) or expanded (radio buttons / check boxes).</summary>
    public string? Style { get; set; }
    public bool? IsMultiSelect { get; set; }
    public string? Placeholder { get; set; }
    /// <summary>Teams only: dynamic choices, e.g. the people picker (<see cref="DataQuery.TeamsPeople"/>).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("choices.data")]
    public DataQuery? ChoicesData { get; set; }
}
