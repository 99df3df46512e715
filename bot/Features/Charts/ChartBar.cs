namespace ChatBot.Bot.Features.Charts;

/// <summary>One bar of a chart: its label under the bar, its value, and an optional colour ("#2e7d32").</summary>
internal sealed record ChartBar(string Label, double Value, string? Color = null);
