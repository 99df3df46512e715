using ChatBot.Cards.AdaptiveCards;

namespace ChatBot.Cards.Charts;

/// <summary>A chart picture in a card: where the bot serves it, and the figures as text for screen readers.</summary>
public sealed record ChartImage(string Url, string AltText)
{
    /// <summary>Adds the charts under a heading-less separator, each as wide as the card.</summary>
    public static void AddTo(AdaptiveCard card, IReadOnlyList<ChartImage>? charts)
    {
        if (charts is null) return;
        foreach (var chart in charts)
            card.Add(new Image { Url = chart.Url, AltText = chart.AltText, Size = "Stretch", Separator = true, Spacing = "Medium" });
    }
}
