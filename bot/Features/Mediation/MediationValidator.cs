using System.Globalization;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;
using ChatBot.Storage.Mediation;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>
/// Server-side validation of a mediation form, whether it came from the card or the text dialog: the card's own checks
/// are a convenience, never trusted. Returns the case to save, or the problems keyed by card input id.
/// </summary>
internal static class MediationValidator
{
    public sealed record Result(MediationCase? Case, IReadOnlyDictionary<string, string> Errors)
    {
        public bool IsValid => Errors.Count == 0 && Case is not null;
    }

    public static Result Validate(Lang lang, MediationFormValues v, DateOnly today)
    {
        var errors = new Dictionary<string, string>();
        var c = new MediationCase();

        if (v.ReceivedOn is null) errors["receivedOn"] = lang.T("请填写受理日期。", "Enter the date received.");
        else if (!DateOnly.TryParseExact(v.ReceivedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var received))
            errors["receivedOn"] = lang.T("受理日期格式不正确,应为 2026-03-05。", "The date received must look like 2026-03-05.");
        else if (received > today) errors["receivedOn"] = lang.T($"受理日期不能晚于今天({lang.Date(today)})。", $"The date received cannot be after today ({today:yyyy-MM-dd}).");
        else if (received.Year < 2000) errors["receivedOn"] = lang.T("受理日期太早了,请检查年份。", "The date received is too early; please check the year.");
        else c.ReceivedOn = received;

        if (MediationLabels.TryParse<MediationSource>(v.Source, out var source)) c.Source = source;
        else errors["source"] = lang.T("请选择来源。", "Choose the source.");
        if (MediationLabels.TryParse<DisputeType>(v.DisputeType, out var type)) c.DisputeType = type;
        else errors["disputeType"] = lang.T("请选择纠纷类型。", "Choose the type of dispute.");

        if (string.IsNullOrWhiteSpace(v.Village)) errors["village"] = lang.T("请填写村(社区)。", "Enter the village or community.");
        else if (v.Village.Trim().Length > MediationRules.MaxVillageLength) errors["village"] = lang.T($"村(社区)名称最多 {MediationRules.MaxVillageLength} 个字。", $"At most {MediationRules.MaxVillageLength} characters.");
        else c.Village = v.Village.Trim();

        var count = new[] { v.PartyNames.Length, v.PartyPhones.Length, v.PartyBirths.Length, v.PartyAddresses.Length, v.PartyRepresentatives.Length }.Max();
        var year = c.ReceivedOn == default ? today.Year : c.ReceivedOn.Year;
        for (var i = 0; i < count; i++)
        {
            var name = v.PartyNames.ElementAtOrDefault(i)?.Trim();
            var phone = NormalizePhone(v.PartyPhones.ElementAtOrDefault(i));
            var birth = Trimmed(v.PartyBirths.ElementAtOrDefault(i));
            var address = Trimmed(v.PartyAddresses.ElementAtOrDefault(i));
            var representative = Trimmed(v.PartyRepresentatives.ElementAtOrDefault(i));
            if (string.IsNullOrEmpty(name))
            {
                if (phone is not null || birth is not null || address is not null || representative is not null)
                    errors[MediationFormValues.PartyNameId(i)] = lang.T("填写了当事人的其他信息,请同时填写姓名(名称)。", "Details of a party were entered: enter the name too.");
                continue;
            }
            if (name.Length > MediationRules.MaxNameLength) { errors[MediationFormValues.PartyNameId(i)] = NameTooLong(lang, name); continue; }
            if (phone is not null && !MediationRules.IsPhone(phone)) { errors[MediationFormValues.PartyPhoneId(i)] = BadPhone(lang, phone); continue; }
            var party = new MediationParty(name, phone) { Address = address };
            if (birth is not null)
            {
                if (PartyDetails.BirthYear(birth, year) is { } y && y >= 1900 && y <= today.Year) party.BirthYear = y;
                else { errors[MediationFormValues.PartyBirthId(i)] = lang.T("出生年份或年龄不正确,如 1980 或 45岁。", "Give a year of birth or an age, e.g. 1980 or 45."); continue; }
            }
            if (address is { Length: > MediationRules.MaxAddressLength })
            { errors[MediationFormValues.PartyAddressId(i)] = lang.T($"住址最多 {MediationRules.MaxAddressLength} 个字。", $"An address has at most {MediationRules.MaxAddressLength} characters."); continue; }
            var kindText = v.PartyKinds.ElementAtOrDefault(i);
            if (kindText is not null && MediationLabels.TryParse<PartyKind>(kindText, out var kind)) party.Kind = kind;
            var sexText = v.PartySexes.ElementAtOrDefault(i);
            if (sexText is not null && MediationLabels.TryParse<PartySex>(sexText, out var sex)) party.Sex = sex;
            if (party.Kind == PartyKind.Organisation)
            {
                party.Sex = null;
                party.BirthYear = null;
                if (representative is null)
                {
                    errors[MediationFormValues.PartyRepresentativeId(i)] = lang.T($"“{name}”是单位,请填写其法定代表人或负责人。", $"\"{name}\" is an organisation: enter its representative.");
                    continue;
                }
                party.Representative = representative.Length > MediationRules.MaxNameLength ? representative[..MediationRules.MaxNameLength] : representative;
            }
            c.Parties.Add(party);
        }
        if (c.Parties.Count == 0 && !errors.Keys.Any(k => k.StartsWith("party", StringComparison.Ordinal)))
            errors[MediationFormValues.PartyNameId(0)] = NoParty(lang);
        if (c.Parties.Count > MediationRules.MaxParties)
            errors[MediationFormValues.PartyNameId(0)] = TooManyParties(lang);

        if (!TryNumber(v.People, out var people) || !double.IsFinite(people) || people != Math.Floor(people) || people < 1 || people > MediationRules.MaxPeople)
            errors["people"] = lang.T("涉及人数应为不小于 1 的整数。", "People involved must be a whole number of at least 1.");
        else c.PeopleInvolved = (int)people;

        if (v.Amount is null) c.AmountInvolved = 0;
        // Compared as a double first: 1e30, ∞ or NaN cannot be converted to decimal.
        else if (!TryNumber(v.Amount, out var amount) || !double.IsFinite(amount) || amount < 0 || amount > (double)MediationRules.MaxAmount)
            errors["amount"] = lang.T("涉及金额应为不小于 0 的数字(元)。", "The amount must be a number of at least 0 (yuan).");
        else c.AmountInvolved = Math.Round((decimal)amount, 2);

        if (string.IsNullOrWhiteSpace(v.Summary)) errors["summary"] = lang.T("请简要说明纠纷情况。", "Describe the dispute briefly.");
        else if (v.Summary.Trim().Length > MediationRules.MaxSummaryLength) errors["summary"] = lang.T($"简要情况最多 {MediationRules.MaxSummaryLength} 个字。", $"At most {MediationRules.MaxSummaryLength} characters.");
        else c.Summary = v.Summary.Trim();

        c.Mediators = SplitList(v.Mediators);
        if (c.Mediators.Count == 0) errors["mediators"] = lang.T("请填写调解员。", "Enter the mediator(s).");

        if (MediationLabels.TryParse<MediationStatus>(v.Status, out var status)) c.Status = status;
        else errors["status"] = lang.T("请选择调解状态。", "Choose the status.");
        if (MediationLabels.TryParse<AgreementForm>(v.AgreementForm, out var form)) c.AgreementForm = form;
        else if (v.AgreementForm is not null) errors["agreementForm"] = lang.T("请选择口头或书面。", "Choose oral or written.");
        if (c.Status == MediationStatus.Succeeded && c.AgreementForm is null && !errors.ContainsKey("agreementForm"))
            errors["agreementForm"] = lang.T("调解成功的案件请选择协议形式(口头/书面)。", "A settled case needs the agreement form (oral or written).");
        if (c.Status != MediationStatus.Succeeded) c.AgreementForm = null;

        if (MediationLabels.TryParse<MediationStatus>(v.Status, out _))
        {
            var o = ClosingValidator.Validate(lang, c.Status, c.AgreementForm, null, v.Closing, c.ReceivedOn, today, errors);
            c.ClosedOn = o.ClosedOn;
            c.Responsibility = o.Responsibility;
            c.AgreementTerms = o.AgreementTerms;
            c.PerformanceManner = o.PerformanceManner;
            c.PerformanceDeadline = o.PerformanceDeadline;
            c.AgreementAmount = o.AgreementAmount;
        }
        c.Major = v.Major;
        c.Collective = v.Collective;
        return new Result(errors.Count == 0 ? c : null, errors);
    }

    /// <summary>
    /// The first problem with parties typed in the step-by-step dialog, in the words the form uses for the same problem;
    /// null when there is none. The form checks each party against its own inputs with the same messages.
    /// </summary>
    public static string? PartiesProblem(Lang lang, IReadOnlyList<MediationParty> parties)
    {
        if (parties.Count == 0) return NoParty(lang);
        if (parties.Count > MediationRules.MaxParties) return TooManyParties(lang);
        if (parties.FirstOrDefault(p => p.Name.Length > MediationRules.MaxNameLength) is { } longName) return NameTooLong(lang, longName.Name);
        if (parties.FirstOrDefault(p => p.Phone is not null && !MediationRules.IsPhone(p.Phone)) is { } bad) return BadPhone(lang, bad.Phone!);
        return null;
    }

    private static string NoParty(Lang lang) => lang.T("请至少填写一位当事人。", "Enter at least one party.");

    private static string TooManyParties(Lang lang) =>
        lang.T($"当事人最多 {MediationRules.MaxParties} 位。", $"At most {MediationRules.MaxParties} parties.");

    private static string NameTooLong(Lang lang, string name) =>
        lang.T($"姓名“{name[..10]}…”太长,最多 {MediationRules.MaxNameLength} 个字。", $"The name \"{name[..10]}…\" is too long: at most {MediationRules.MaxNameLength} characters.");

    private static string BadPhone(Lang lang, string phone) =>
        lang.T($"电话“{phone}”格式不正确:手机为 1 开头的 11 位数字,座机如 0571-12345678。",
            $"The phone \"{phone}\" is not valid: an 11-digit mobile starting with 1, or a landline like 0571-12345678.");

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Half-width, no spaces: "138 1234 5678" → "13812345678"; null when empty.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var s = ChatBot.Bot.Conversation.Prompts.Recognizers.ToHalfWidth(phone).Trim().Replace(" ", "").Replace("—", "-").Replace("－", "-");
        return s.Length == 0 ? null : s;
    }

    public static List<string> SplitList(string? text) =>
        (text ?? "").Split([',', ',', '、', ';', ';', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0).Distinct().ToList();

    private static bool TryNumber(string? s, out double value)
    {
        value = 0;
        return s is not null && (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            || ChatBot.Bot.Conversation.Prompts.Recognizers.TryParseNumber(s, out value));
    }
}
