namespace ChatBot.Cards.AdaptiveCards;

/// <summary>
/// Where a Teams Input.ChoiceSet fetches its choices as the user types ("choices.data"): with the dataset
/// <see cref="TeamsPeople"/> it is Teams' people picker, and the submitted value is the picked users' AAD object ids.
/// Other hosts ignore it and show the static choices.
/// </summary>
public sealed class DataQuery
{
    public const string TeamsPeople = "graph.microsoft.com/users";
    public string Type { get; set; } = "Data.Query";
    public string Dataset { get; set; } = TeamsPeople;
}
