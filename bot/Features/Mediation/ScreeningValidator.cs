using System.Globalization;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// Checks a 矛盾纠纷排查 form (card or typed) on the server: a date not in the future, a village, who screened, and
/// either disputes (each with a type and a description) or 零报告 — not both, not neither. Errors are keyed by input id.
/// </summary>
internal static class ScreeningValidator
{
    public sealed record Result(ScreeningRound? Round, IReadOnlyDictionary<string, string> Errors)
    {
        public bool IsValid => Errors.Count == 0;
    }

    public static Result Validate(Lang lang, ScreeningFormValues v, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var round = new ScreeningRound();
        if (!DateOnly.TryParseExact(v.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 2000)
            errors["date"] = lang.T("请填写排查日期,如 2026-03-05。", "Enter the date of the screening, e.g. 2026-03-05.");
        else if (date > today) errors["date"] = lang.T("排查日期不能晚于今天。", "The screening cannot be after today.");
        else round.Date = date;
        if (string.IsNullOrWhiteSpace(v.Village)) errors["village"] = lang.T("请填写村(社区)。", "Enter the village or community.");
        else if (v.Village.Trim().Length > MediationRules.MaxVillageLength) errors["village"] = lang.T($"村(社区)名称最多 {MediationRules.MaxVillageLength} 个字。", $"At most {MediationRules.MaxVillageLength} characters.");
        else round.Village = v.Village.Trim();
        if (string.IsNullOrWhiteSpace(v.ScreenedBy)) errors["screenedBy"] = lang.T("请填写排查人。", "Enter who screened.");
        else round.ScreenedBy = v.ScreenedBy.Trim().Length > 100 ? v.ScreenedBy.Trim()[..100] : v.ScreenedBy.Trim();

        var slots = Math.Max(v.DisputeTypes.Count, v.DisputeDescriptions.Count);
        for (var i = 0; i < slots; i++)
        {
            var typeText = v.DisputeTypes.ElementAtOrDefault(i);
            var text = v.DisputeDescriptions.ElementAtOrDefault(i)?.Trim();
            if (string.IsNullOrWhiteSpace(typeText) && string.IsNullOrEmpty(text)) continue;
            var n = i + 1;
            if (string.IsNullOrEmpty(text))
                errors[ScreeningFormValues.DescriptionId(i)] = lang.T($"请简要说明纠纷{n}的情况。", $"Describe dispute {n} briefly.");
            else if (text.Length > ScreeningFormCard.MaxDescriptionLength)
                errors[ScreeningFormValues.DescriptionId(i)] = lang.T($"纠纷{n}的说明最多 {ScreeningFormCard.MaxDescriptionLength} 个字。", $"Dispute {n}: at most {ScreeningFormCard.MaxDescriptionLength} characters.");
            if (!MediationLabels.TryParse<DisputeType>(typeText, out var type))
                errors[ScreeningFormValues.TypeId(i)] = lang.T($"请选择纠纷{n}的类型。", $"Choose the type of dispute {n}.");
            if (!string.IsNullOrEmpty(text) && !errors.ContainsKey(ScreeningFormValues.DescriptionId(i)) && !errors.ContainsKey(ScreeningFormValues.TypeId(i)))
                round.Disputes.Add(new ScreenedDispute { Description = text, Type = type });
        }
        var anyDispute = Enumerable.Range(0, slots).Any(i => !string.IsNullOrWhiteSpace(v.DisputeDescriptions.ElementAtOrDefault(i)) || !string.IsNullOrWhiteSpace(v.DisputeTypes.ElementAtOrDefault(i)));
        if (v.ZeroReport && anyDispute)
            errors["zeroReport"] = lang.T("勾选了零报告,又填写了纠纷:请二选一。", "Zero report is ticked but disputes are filled in: choose one.");
        else if (!v.ZeroReport && !anyDispute)
            errors["zeroReport"] = lang.T("请填写发现的矛盾纠纷;没有发现的,请勾选“零报告”。", "Enter the disputes found, or tick \"zero report\" if none were found.");
        return new Result(errors.Count == 0 ? round : null, errors);
    }
}
