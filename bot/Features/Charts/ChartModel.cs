namespace ChatBot.Bot.Features.Charts;

/// <summary>
/// A bar chart as data: what <see cref="ChartRenderer"/> draws. Only aggregate figures and category labels (months,
/// dispute types, departments, session dates) go in: a chart never carries a party's name or phone.
/// </summary>
/// <param name="Title">Shown above the chart.</param>
/// <param name="Bars">In order, left to right (top to bottom when <paramref name="Horizontal"/>).</param>
/// <param name="Horizontal">Bars along the x axis: for long category names such as departments.</param>
/// <param name="Percent">Values are 0–100 and labelled with "%".</param>
internal sealed record ChartModel(string Title, IReadOnlyList<ChartBar> Bars, bool Horizontal = false, bool Percent = false)
{
    /// <summary>The text a screen reader or a text-only channel gets instead of the image.</summary>
    public string AltText => Title + ": " + string.Join(", ", Bars.Select(b => $"{b.Label} {ValueText(b.Value)}"));

    public string ValueText(double value) =>
        (Percent ? Math.Round(value, 1) : value).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + (Percent ? "%" : "");
}
