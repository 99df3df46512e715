using System.Text.RegularExpressions;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// Fills the registration form from what the clerk typed ("调解登记 11月20日 邻里纠纷 王家村 两户因排水沟争吵"): a date is
/// 受理日期, a source or dispute type word picks that choice, "…村"/"…社区" is the village; the remaining words are the
/// summary when <c>restIsSummary</c> (after the command word), and are left alone otherwise (typed next to the card).
/// </summary>
internal static partial class MediationPrefill
{
    public static void Apply(MediationFormValues form, string text, DateOnly today, bool restIsSummary)
    {
        var rest = new List<string>();
        foreach (var token in Separators().Split(Recognizers.ToHalfWidth(text ?? "")).Where(t => t.Length > 0))
        {
            if (form.ReceivedOn is null && Recognizers.TryParseDate(token, today, out var date)) form.ReceivedOn = date.ToString("yyyy-MM-dd");
            else if (form.DisputeType is null && Option<DisputeType>(token) is { } type) form.DisputeType = type;
            else if (form.Source is null && Option<MediationSource>(token) is { } source) form.Source = source;
            else if (form.Village is null && Village().IsMatch(token)) form.Village = token;
            else rest.Add(token);
        }
        if (restIsSummary && rest.Count > 0 && string.IsNullOrWhiteSpace(form.Summary))
            form.Summary = string.Join(" ", rest);
    }

    /// <summary>The option whose title or synonym is the whole word ("邻里", "邻里纠纷", "neighbour"), never a word inside a sentence.</summary>
    private static string? Option<T>(string token) where T : struct, Enum
    {
        var word = token.EndsWith("纠纷", StringComparison.Ordinal) && token.Length > 2 ? token[..^2] : token;
        bool Same(string s) => string.Equals(s, token, StringComparison.OrdinalIgnoreCase) || string.Equals(s, word, StringComparison.OrdinalIgnoreCase);
        return MediationLabels.Options<T>().FirstOrDefault(o => Same(o.Zh) || Same(o.En) || o.Synonyms.Any(Same)).Value;
    }

    [GeneratedRegex(@"[\s,,;;、]+")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\S{1,12}(村|社区|居委会)$")]
    private static partial Regex Village();
}
