using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>调解结果 form: status, agreement form, the closing facts and a note, for one case.</summary>
public static class MediationOutcomeCard
{
    public const string SubmitVerb = "mediation.outcome.form";

    public static AdaptiveCard Build(Lang lang, MediationCase c, DateOnly today, string? status = null, string? form = null, string? note = null,
        ClosingValues? closing = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        closing ??= new ClosingValues
        {
            ClosedOn = c.ClosedOn?.ToString("yyyy-MM-dd"), Responsibility = c.Responsibility, AgreementTerms = c.AgreementTerms,
            PerformanceManner = c.PerformanceManner, PerformanceDeadline = c.PerformanceDeadline?.ToString("yyyy-MM-dd"),
            AgreementAmount = c.AgreementAmount > 0 ? c.AgreementAmount.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        var card = new AdaptiveCard().Add(TextBlock.Title(lang.T($"调解结果 · {c.CaseNo}", $"Outcome · case {c.CaseNo}")));
        if (errors.Count > 0)
            card.Add(TextBlock.Error(lang.T($"有 {errors.Count} 处需要修改,结果未保存。", $"{errors.Count} field(s) need fixing; nothing was saved.")));
        void Add(CardInput input)
        {
            card.Add(input);
            if (input.Id is { } id && errors.TryGetValue(id, out var message)) card.Add(TextBlock.Error(message));
        }
        Add(new ChoiceSetInput
        {
            Id = "status", Label = lang.T("调解状态", "Status"), Style = "compact", IsRequired = true, Value = status ?? c.Status.ToString(),
            ErrorMessage = lang.T("请选择一项", "Please choose one"),
            Choices = MediationLabels.Options<MediationStatus>().Select(o => new Choice(lang.IsZh ? o.Zh : o.En, o.Value)).ToList(),
        });
        Add(new ChoiceSetInput
        {
            Id = "agreementForm", Label = lang.T("协议形式(调解成功时必填)", "Agreement form (required when settled)"), Style = "compact",
            Value = form ?? c.AgreementForm?.ToString(), Placeholder = lang.T("请选择", "Choose"),
            Choices = MediationLabels.Options<AgreementForm>().Select(o => new Choice(lang.IsZh ? o.Zh : o.En, o.Value)).ToList(),
        });
        foreach (var input in MediationFormCard.ClosingInputs(lang, closing, today, forRegistration: false)) Add(input);
        Add(new TextInput
        {
            Id = "note", Label = lang.T("结果说明(选填:不成功原因、移交单位等)", "Note (optional: why it failed, where it was referred)"),
            IsMultiline = true, Value = note, MaxLength = MediationRules.MaxNoteLength,
        });
        var submit = SubmitAction.For(lang.T("保存结果", "Save outcome"), SubmitVerb, new { caseNo = c.CaseNo });
        submit.Style = "positive";
        card.AddAction(submit);
        return card;
    }
}
