namespace ChatBot.Cards.Mediation;

/// <summary>
/// One row of the 调解月报: a label and the month's, the previous month's and the year's figure, each an int (count),
/// a decimal (yuan) or a double? (rate, null when nothing was concluded); <see cref="Change"/> is this month minus the
/// previous one (an int, a decimal, or for a rate a text in percentage points). A heading row has no figures.
/// </summary>
public sealed record MediationMonthlyLine(string Label, bool Heading, object? ThisMonth, object? PreviousMonth, object? Change, object? YearToDate);
