using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>回访记录 form: date, visitor, performance, satisfaction, remaining risk, note.</summary>
public static class MediationFollowUpCard
{
    public const string SubmitVerb = "mediation.followup.form";

    public static AdaptiveCard Build(Lang lang, MediationCase c, DateOnly today, string? by, IReadOnlyDictionary<string, string?>? values = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        values ??= new Dictionary<string, string?>();
        errors ??= new Dictionary<string, string>();
        string? V(string k) => values.TryGetValue(k, out var v) ? v : null;
        var card = new AdaptiveCard().Add(TextBlock.Title(lang.T($"回访记录 · {c.CaseNo}", $"Follow-up visit · case {c.CaseNo}")));
        if (errors.Count > 0) card.Add(TextBlock.Error(lang.T($"有 {errors.Count} 处需要修改,回访未保存。", $"{errors.Count} field(s) need fixing; nothing was saved.")));
        void Add(CardInput input)
        {
            card.Add(input);
            if (input.Id is { } id && errors.TryGetValue(id, out var message)) card.Add(TextBlock.Error(message));
        }
        Add(new DateInput { Id = "date", Label = lang.T("回访日期", "Date of the visit"), IsRequired = true, Value = V("date") ?? today.ToString("yyyy-MM-dd"), Max = today.ToString("yyyy-MM-dd"), ErrorMessage = lang.T("请填写回访日期(不能晚于今天)", "Enter the date (not after today)") });
        Add(new TextInput { Id = "by", Label = lang.T("回访人", "Visited by"), IsRequired = true, Value = V("by") ?? by, MaxLength = 100, ErrorMessage = lang.T("请填写回访人", "Enter who visited") });
        Add(Choices<Performance>(lang, "performance", lang.T("协议履行情况", "Performance of the agreement"), V("performance")));
        Add(Choices<Satisfaction>(lang, "satisfaction", lang.T("当事人满意度", "Parties' satisfaction"), V("satisfaction")));
        Add(new TextInput { Id = "risk", Label = lang.T("遗留风险(选填)", "Remaining risk (optional)"), IsMultiline = true, Value = V("risk"), MaxLength = MediationRules.MaxNoteLength });
        Add(new TextInput { Id = "note", Label = lang.T("回访情况说明(选填)", "Note (optional)"), IsMultiline = true, Value = V("note"), MaxLength = MediationRules.MaxNoteLength });
        var submit = SubmitAction.For(lang.T("保存回访", "Save visit"), SubmitVerb, new { caseNo = c.CaseNo });
        submit.Style = "positive";
        card.AddAction(submit);
        return card;
    }

    private static ChoiceSetInput Choices<T>(Lang lang, string id, string label, string? value) where T : struct, Enum => new()
    {
        Id = id, Label = label, Style = "compact", IsRequired = true, Value = value, Placeholder = lang.T("请选择", "Choose"),
        ErrorMessage = lang.T("请选择一项", "Please choose one"),
        Choices = MediationLabels.Options<T>().Select(o => new Choice(lang.IsZh ? o.Zh : o.En, o.Value)).ToList(),
    };
}
