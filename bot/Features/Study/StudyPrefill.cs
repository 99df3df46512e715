using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Bot.Features.Study;

/// <summary>
/// Fills the scheduling form from what the clerk typed ("安排学法 每月第一个周五下午3点 学习《民法典》"): the longest run
/// of words that reads as a schedule is the time, a title in 《》 is the law, and the remaining words are the topic.
/// </summary>
internal static partial class StudyPrefill
{
    public static JsonObject From(string? text, DateOnly today)
    {
        var values = new JsonObject();
        var words = Recognizers.ToHalfWidth(text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (words.Count == 0) return values;

        var (start, count) = (-1, 0);
        for (var i = 0; i < words.Count; i++)
            for (var n = words.Count - i; n > count; n--)
                if (StudyRuleParser.Parse(string.Join(' ', words.Skip(i).Take(n)), today).Ok) { (start, count) = (i, n); break; }
        if (start >= 0)
        {
            values["rule"] = string.Join(' ', words.Skip(start).Take(count));
            words.RemoveRange(start, count);
        }
        var rest = string.Join(' ', words);
        if (LawTitle().Match(rest) is { Success: true } law) values["law"] = law.Groups[1].Value.Trim();
        if (rest.Length > 0) values["title"] = rest.Length <= StudySessionDraft.MaxTitle ? rest : rest[..StudySessionDraft.MaxTitle];
        return values;
    }

    public static string? Value(JsonNode? values, string key) => values?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"[《<]([^》>]{1,60})[》>]")]
    private static partial Regex LawTitle();
}
