using System.Globalization;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Mediation;

namespace ChatBot.Cards.Mediation;

public static class MediationFormCard
{
    public const string SubmitVerb = "mediation.form";

    /// <summary>
    /// The 人民调解 registration form. <paramref name="errors"/> (input id → message) are shown under their inputs and
    /// listed at the top, with the values as entered so nothing has to be typed again.
    /// </summary>
    public static AdaptiveCard Build(Lang lang, MediationFormValues v, DateOnly today, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        var card = new AdaptiveCard().Add(TextBlock.Title(lang.T("人民调解案件登记", "Log a people's mediation case")));
        if (errors.Count > 0)
            card.Add(TextBlock.Error(lang.T($"有 {errors.Count} 处需要修改,请检查标红的项目后重新提交。", $"{errors.Count} field(s) need fixing; please check the messages in red and submit again.")));

        void Add(CardInput input)
        {
            card.Add(input);
            if (input.Id is { } id && errors.TryGetValue(id, out var message)) card.Add(TextBlock.Error(message));
        }

        Add(new DateInput
        {
            Id = "receivedOn", Label = lang.T("受理日期", "Date received"), IsRequired = true, Value = v.ReceivedOn ?? today.ToString("yyyy-MM-dd"),
            Max = today.ToString("yyyy-MM-dd"), ErrorMessage = lang.T("请填写受理日期(不能晚于今天)", "Enter the date received (not after today)"),
        });
        Add(Choices<MediationSource>(lang, "source", lang.T("来源", "Source"), v.Source ?? nameof(MediationSource.Application), true));
        Add(Choices<DisputeType>(lang, "disputeType", lang.T("纠纷类型", "Type of dispute"), v.DisputeType, true));
        Add(new TextInput
        {
            Id = "village", Label = lang.T("村(社区)", "Village / community"), IsRequired = true, Value = v.Village, MaxLength = MediationRules.MaxVillageLength,
            ErrorMessage = lang.T("请填写村(社区)", "Enter the village or community"),
        });
        for (var i = 0; i < MediationFormValues.PartySlots; i++)
        {
            var first = i == 0;
            Add(new TextInput
            {
                Id = MediationFormValues.PartyNameId(i), Label = lang.T($"当事人{i + 1} 姓名", $"Party {i + 1}: name"), IsRequired = first ? true : null,
                Value = v.PartyNames.ElementAtOrDefault(i), MaxLength = MediationRules.MaxNameLength,
                ErrorMessage = first ? lang.T("请至少填写一位当事人", "Enter at least one party") : null,
            });
            Add(new TextInput
            {
                Id = MediationFormValues.PartyPhoneId(i), Label = lang.T($"当事人{i + 1} 电话(选填)", $"Party {i + 1}: phone (optional)"), Style = "Tel",
                Value = v.PartyPhones.ElementAtOrDefault(i), Regex = MediationRules.PhonePattern, Placeholder = lang.T("手机或座机,如 0571-12345678", "Mobile, or a landline like 0571-12345678"),
                ErrorMessage = lang.T("电话格式不正确(手机 11 位,或 0571-12345678)", "Phone format: 11-digit mobile, or 0571-12345678"),
            });
            Add(Choices<PartyKind>(lang, MediationFormValues.PartyKindId(i), lang.T($"当事人{i + 1} 类别", $"Party {i + 1}: kind"), v.PartyKinds.ElementAtOrDefault(i) ?? nameof(PartyKind.Person), false));
            Add(Choices<PartySex>(lang, MediationFormValues.PartySexId(i), lang.T($"当事人{i + 1} 性别(选填)", $"Party {i + 1}: sex (optional)"), v.PartySexes.ElementAtOrDefault(i), false));
            Add(new TextInput
            {
                Id = MediationFormValues.PartyBirthId(i), Label = lang.T($"当事人{i + 1} 出生年份或年龄(选填)", $"Party {i + 1}: year of birth or age (optional)"),
                Value = v.PartyBirths.ElementAtOrDefault(i), MaxLength = 6, Placeholder = lang.T("如 1980 或 45岁", "e.g. 1980 or 45"),
            });
            Add(new TextInput
            {
                Id = MediationFormValues.PartyAddressId(i), Label = lang.T($"当事人{i + 1} 住址(选填)", $"Party {i + 1}: address (optional)"),
                Value = v.PartyAddresses.ElementAtOrDefault(i), MaxLength = MediationRules.MaxAddressLength,
            });
            Add(new TextInput
            {
                Id = MediationFormValues.PartyRepresentativeId(i), Label = lang.T($"当事人{i + 1} 法定代表人/负责人(单位填写)", $"Party {i + 1}: representative (organisations)"),
                Value = v.PartyRepresentatives.ElementAtOrDefault(i), MaxLength = MediationRules.MaxNameLength,
            });
        }
        Add(new NumberInput
        {
            Id = "people", Label = lang.T("涉及人数", "People involved"), IsRequired = true, Min = 1, Value = Number(v.People) ?? 2,
            ErrorMessage = lang.T("涉及人数至少为 1", "At least 1 person"),
        });
        Add(new NumberInput
        {
            // No Min here: the adaptivecards renderer reads an empty number as NaN, which fails any min/max and would
            // block submitting the form with this optional field left empty. The server checks the amount anyway.
            Id = "amount", Label = lang.T("涉及金额(元,选填)", "Amount involved (yuan, optional)"), Value = Number(v.Amount),
            ErrorMessage = lang.T("金额不能为负数", "The amount cannot be negative"),
        });
        Add(new TextInput
        {
            Id = "summary", Label = lang.T("简要情况", "Summary"), IsRequired = true, IsMultiline = true, Value = v.Summary, MaxLength = MediationRules.MaxSummaryLength,
            ErrorMessage = lang.T("请简要说明纠纷情况", "Describe the dispute briefly"),
        });
        Add(new TextInput
        {
            Id = "mediators", Label = lang.T("调解员(多人用、分隔)", "Mediator(s), separated by commas"), IsRequired = true, Value = v.Mediators,
            ErrorMessage = lang.T("请填写调解员", "Enter the mediator(s)"),
        });
        Add(Choices<MediationStatus>(lang, "status", lang.T("调解状态", "Status"), v.Status ?? nameof(MediationStatus.Accepted), true));
        Add(Choices<AgreementForm>(lang, "agreementForm", lang.T("协议形式(调解成功时必填)", "Agreement form (required when settled)"), v.AgreementForm, false));
        foreach (var input in ClosingInputs(lang, v.Closing, today, forRegistration: true)) Add(input);
        Add(new ToggleInput { Id = "major", Title = lang.T("重大疑难", "Major or difficult"), Value = v.Major ? "true" : "false", ValueOn = "true", ValueOff = "false" });
        Add(new ToggleInput { Id = "collective", Title = lang.T("群体性", "Involves a group"), Value = v.Collective ? "true" : "false", ValueOn = "true", ValueOff = "false" });

        var submit = SubmitAction.For(lang.T("提交登记", "Submit"), SubmitVerb, new { formId = v.FormId });
        submit.Style = "positive";
        card.AddAction(submit);
        var cancel = SubmitAction.For(lang.T("取消", "Cancel"), "cancel");
        cancel.AssociatedInputs = "none";
        card.AddAction(cancel);
        return card;
    }

    /// <summary>
    /// 结案日期, 协议金额, 争议事项及责任, 协议内容, 履行方式, 履行期限: the closing facts, on the registration form (for a
    /// case registered already settled) and on the outcome form.
    /// </summary>
    public static IEnumerable<CardInput> ClosingInputs(Lang lang, ClosingValues v, DateOnly today, bool forRegistration)
    {
        var when = forRegistration ? lang.T("(调解成功或已结案时填写)", " (when settled or closed)") : "";
        yield return new DateInput
        {
            Id = "closedOn", Label = lang.T("结案日期", "Date closed") + when, Value = v.ClosedOn ?? (forRegistration ? null : today.ToString("yyyy-MM-dd")),
            Max = today.ToString("yyyy-MM-dd"),
        };
        yield return new TextInput
        {
            Id = "responsibility", Label = lang.T("争议事项及各方责任(书面协议)", "Points in dispute and each side's responsibility (written agreement)"),
            IsMultiline = true, Value = v.Responsibility, MaxLength = MediationRules.MaxTermsLength,
        };
        yield return new TextInput
        {
            Id = "agreementTerms", Label = lang.T("协议内容(调解成功必填;口头协议记录其内容)", "Agreed terms (required when settled; for an oral agreement, its content)"),
            IsMultiline = true, Value = v.AgreementTerms, MaxLength = MediationRules.MaxTermsLength,
        };
        yield return new TextInput
        {
            Id = "performanceManner", Label = lang.T("履行方式(如 一次性付清、分期、当场履行)", "Manner of performance (e.g. paid in one sum, by instalments, on the spot)"),
            Value = v.PerformanceManner, MaxLength = 100,
        };
        yield return new DateInput
        {
            Id = "performanceDeadline", Label = lang.T("履行期限(调解成功必填)", "Performance deadline (required when settled)"), Value = v.PerformanceDeadline,
        };
        yield return new NumberInput
        {
            Id = "agreementAmount", Label = lang.T("协议金额(元,选填)", "Amount agreed (yuan, optional)"), Value = Number(v.AgreementAmount),
        };
    }

    private static ChoiceSetInput Choices<T>(Lang lang, string id, string label, string? value, bool required) where T : struct, Enum => new()
    {
        Id = id, Label = label, Style = "compact", IsRequired = required ? true : null, Value = value,
        Placeholder = lang.T("请选择", "Choose"),
        ErrorMessage = lang.T("请选择一项", "Please choose one"),
        Choices = MediationLabels.Options<T>().Select(o => new Choice(lang.IsZh ? o.Zh : o.En, o.Value)).ToList(),
    };

    private static double? Number(string? s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null; // JSON has no ∞ or NaN
}
