using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

/// <summary>矛盾纠纷排查 form: date, village, who screened, and up to three disputes found, or 零报告.</summary>
public static class ScreeningFormCard
{
    public const string SubmitVerb = "mediation.screening.form";
    public const int MaxDescriptionLength = 200;

    public static AdaptiveCard Build(Lang lang, ScreeningFormValues v, DateOnly today, IReadOnlyList<string> villages, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        var card = new AdaptiveCard().Add(TextBlock.Title(lang.T("矛盾纠纷排查", "Dispute screening")));
        card.Add(TextBlock.Subtle(lang.T("填写发现的矛盾纠纷;没有发现的,勾选“零报告”。", "List the disputes found; if none were found, tick \"zero report\".")));
        if (errors.Count > 0)
            card.Add(TextBlock.Error(lang.T($"有 {errors.Count} 处需要修改,排查记录未保存。", $"{errors.Count} field(s) need fixing; nothing was saved.")));
        void Add(CardInput input)
        {
            card.Add(input);
            if (input.Id is { } id && errors.TryGetValue(id, out var message)) card.Add(TextBlock.Error(message));
        }
        Add(new DateInput
        {
            Id = "date", Label = lang.T("排查日期", "Date screened"), IsRequired = true, Value = v.Date ?? today.ToString("yyyy-MM-dd"),
            Max = today.ToString("yyyy-MM-dd"), ErrorMessage = lang.T("请填写排查日期(不能晚于今天)", "Enter the date (not after today)"),
        });
        Add(new TextInput
        {
            Id = "village", Label = lang.T("村(社区)", "Village / community"), IsRequired = true, Value = v.Village, MaxLength = MediationRules.MaxVillageLength,
            Placeholder = villages.Count > 0 ? string.Join(lang.T("、", ", "), villages.Take(8)) : null,
            ErrorMessage = lang.T("请填写村(社区)", "Enter the village or community"),
        });
        Add(new TextInput
        {
            Id = "screenedBy", Label = lang.T("排查人", "Screened by"), IsRequired = true, Value = v.ScreenedBy, MaxLength = 100,
            ErrorMessage = lang.T("请填写排查人", "Enter who screened"),
        });
        Add(new ToggleInput { Id = "zeroReport", Title = lang.T("零报告(未发现矛盾纠纷)", "Zero report (no dispute found)"), Value = v.ZeroReport ? "true" : "false", ValueOn = "true", ValueOff = "false" });
        for (var i = 0; i < ScreeningFormValues.DisputeSlots; i++)
        {
            Add(new ChoiceSetInput
            {
                Id = ScreeningFormValues.TypeId(i), Label = lang.T($"纠纷{i + 1} 类型", $"Dispute {i + 1}: type"), Style = "compact",
                Value = v.DisputeTypes.ElementAtOrDefault(i), Placeholder = lang.T("请选择", "Choose"),
                Choices = MediationLabels.Options<DisputeType>().Select(o => new Choice(lang.IsZh ? o.Zh : o.En, o.Value)).ToList(),
            });
            Add(new TextInput
            {
                Id = ScreeningFormValues.DescriptionId(i), Label = lang.T($"纠纷{i + 1} 简要情况", $"Dispute {i + 1}: what it is about"),
                Value = v.DisputeDescriptions.ElementAtOrDefault(i), MaxLength = MaxDescriptionLength,
                Placeholder = i == 0 ? lang.T("如:两户因排水沟堵塞争吵(不写当事人姓名)", "e.g. two households argue over a blocked ditch (no names)") : null,
            });
        }
        var submit = SubmitAction.For(lang.T("保存排查记录", "Save screening"), SubmitVerb, new { formId = v.FormId });
        submit.Style = "positive";
        card.AddAction(submit);
        var cancel = SubmitAction.For(lang.T("取消", "Cancel"), "cancel");
        cancel.AssociatedInputs = "none";
        card.AddAction(cancel);
        return card;
    }
}
