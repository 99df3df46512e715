using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks.Import;

internal static partial class PlanYear
{
    public static int? From(string? text) =>
        text is not null && Year().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"(20\d\d)\s*年?")]
    private static partial System.Text.RegularExpressions.Regex Year();
}
