using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Bot.Features.Study;

/// <summary>The optional year the study reports take ("2026", "2026年"); this year when none is given.</summary>
internal static class StudyYear
{
    /// <summary>The year, or null when the text is not a plausible year.</summary>
    public static int? Parse(TurnContext ctx, string? text)
    {
        var t = Recognizers.ToHalfWidth(text ?? "").Trim().TrimEnd('年').Trim();
        if (t.Length == 0) return ctx.Today.Year;
        return int.TryParse(t, out var year) && year >= 2000 && year <= ctx.Today.Year + 1 ? year : null;
    }

    /// <summary>A trailing year ("王小明 2026") split off the text.</summary>
    public static (string Text, string? Year) SplitTrailing(string text)
    {
        var t = Recognizers.ToHalfWidth(text).Trim();
        var m = System.Text.RegularExpressions.Regex.Match(t, @"^(?<rest>.*?)\s*(?<year>(19|20)\d{2})\s*年?$");
        return m.Success ? (m.Groups["rest"].Value.Trim(), m.Groups["year"].Value) : (t, null);
    }
}
