using System.Globalization;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// The closing facts of an outcome, whether from the registration form, the outcome form or the outcome dialog: a
/// settled case needs the agreed terms (for an oral agreement, its content: 人民调解法 §28) and a performance deadline;
/// the closing date is not in the future nor before the case was received; the deadline not before the closing date
/// (or, when none is given, the date received).
/// Problems are added to <paramref name="errors"/> by input id.
/// </summary>
internal static class ClosingValidator
{
    public static MediationOutcome Validate(Lang lang, MediationStatus status, AgreementForm? form, string? note, ClosingValues v, DateOnly received, DateOnly today, IDictionary<string, string> errors)
    {
        var o = new MediationOutcome { Status = status, AgreementForm = status == MediationStatus.Succeeded ? form : null, Note = note };
        var open = status is MediationStatus.Accepted or MediationStatus.InProgress;
        if (!open && v.ClosedOn is not null)
        {
            if (!DateOnly.TryParseExact(v.ClosedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closed))
                errors["closedOn"] = lang.T("结案日期格式不正确,应为 2026-03-05。", "The closing date must look like 2026-03-05.");
            else if (closed > today) errors["closedOn"] = lang.T("结案日期不能晚于今天。", "The closing date cannot be after today.");
            else if (received != default && closed < received) errors["closedOn"] = lang.T($"结案日期不能早于受理日期({lang.Date(received)})。", $"The closing date cannot be before the date received ({received:yyyy-MM-dd}).");
            else o.ClosedOn = closed;
        }
        if (status != MediationStatus.Succeeded) return o;

        // Without a closing date the deadline is held to the date received: a case registered months later as settled
        // may well have had its deadline before today.
        var (earliest, earliestZh, earliestEn) = o.ClosedOn is { } given ? (given, "结案日期", "closing date")
            : received != default ? (received, "受理日期", "date received") : (today, "结案日期", "closing date");
        if (string.IsNullOrWhiteSpace(v.AgreementTerms))
            errors["agreementTerms"] = form == AgreementForm.Oral
                ? lang.T("调解成功的口头协议,请记录协议内容。", "For an oral agreement, record what was agreed.")
                : lang.T("调解成功的案件请填写协议内容(各方的权利义务)。", "A settled case needs the agreed terms (what each side will do).");
        else if (v.AgreementTerms.Trim().Length > MediationRules.MaxTermsLength)
            errors["agreementTerms"] = lang.T($"协议内容最多 {MediationRules.MaxTermsLength} 个字。", $"At most {MediationRules.MaxTermsLength} characters.");
        else o.AgreementTerms = v.AgreementTerms.Trim();

        if (v.PerformanceDeadline is null)
            errors["performanceDeadline"] = lang.T("调解成功的案件请填写履行期限(当场履行的填结案当天)。", "A settled case needs a performance deadline (the closing day if performed on the spot).");
        else if (!DateOnly.TryParseExact(v.PerformanceDeadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
            errors["performanceDeadline"] = lang.T("履行期限格式不正确,应为 2026-03-05。", "The deadline must look like 2026-03-05.");
        else if (deadline < earliest)
            errors["performanceDeadline"] = lang.T($"履行期限不能早于{earliestZh}({lang.Date(earliest)})。", $"The deadline cannot be before the {earliestEn} ({earliest:yyyy-MM-dd}).");
        else o.PerformanceDeadline = deadline;

        o.PerformanceManner = Trim(v.PerformanceManner, 100);
        o.Responsibility = Trim(v.Responsibility, MediationRules.MaxTermsLength);
        if (v.AgreementAmount is not null)
        {
            if (!double.TryParse(v.AgreementAmount, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && !ChatBot.Bot.Conversation.Prompts.Recognizers.TryParseNumber(v.AgreementAmount, out amount)
                || !double.IsFinite(amount) || amount < 0 || amount > (double)MediationRules.MaxAmount)
                errors["agreementAmount"] = lang.T("协议金额应为不小于 0 的数字(元)。", "The amount agreed must be a number of at least 0 (yuan).");
            else o.AgreementAmount = Math.Round((decimal)amount, 2);
        }
        return o;
    }

    private static string? Trim(string? s, int max) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().Length > max ? s.Trim()[..max] : s.Trim();
}
