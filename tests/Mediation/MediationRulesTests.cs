using ChatBot.Bot.Features.Mediation;
using ChatBot.Cards;
using ChatBot.Cards.Mediation;

namespace ChatBot.Tests.Mediation;

/// <summary>
/// The form card and the step-by-step dialog check the parties with one set of rules: the same bad input is refused by
/// both, in the same words.
/// </summary>
public class MediationRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    public static TheoryData<string, string, string?> BadParties => new()
    {
        // typed line, the form's name input, the form's phone input
        { "张三 1381234", "张三", "1381234" },
        { "张三 23812345678", "张三", "23812345678" },
        { new string('王', 31) + " 13812345678", new string('王', 31), "13812345678" },
    };

    [Theory]
    [MemberData(nameof(BadParties))]
    public void The_dialog_and_the_form_refuse_a_bad_party_in_the_same_words(string typed, string name, string? phone)
    {
        foreach (var lang in new[] { Lang.Zh, Lang.En })
        {
            var dialogMessage = MediationValidator.PartiesProblem(lang, LogMediationDialog.ParseParties(typed, Today.Year));

            var form = new MediationFormValues { ReceivedOn = "2026-03-09" };
            form.PartyNames[0] = name;
            form.PartyPhones[0] = phone;
            var formErrors = MediationValidator.Validate(lang, form, Today).Errors;
            var formMessage = formErrors.GetValueOrDefault(MediationFormValues.PartyNameId(0)) ?? formErrors.GetValueOrDefault(MediationFormValues.PartyPhoneId(0));

            Assert.NotNull(dialogMessage);
            Assert.Equal(formMessage, dialogMessage);
        }
    }

    [Fact]
    public void No_party_is_refused_by_both_in_the_same_words()
    {
        var dialogMessage = MediationValidator.PartiesProblem(Lang.Zh, LogMediationDialog.ParseParties("、 ,", Today.Year));
        var formErrors = MediationValidator.Validate(Lang.Zh, new MediationFormValues { ReceivedOn = "2026-03-09" }, Today).Errors;

        Assert.Equal("请至少填写一位当事人。", dialogMessage);
        Assert.Equal(dialogMessage, formErrors[MediationFormValues.PartyNameId(0)]);
    }

    [Fact]
    public void Good_parties_pass_the_dialog_check()
    {
        var parties = LogMediationDialog.ParseParties("张三 男 45岁 13812345678、某公司 法定代表人王五", Today.Year);

        Assert.Null(MediationValidator.PartiesProblem(Lang.Zh, parties));
        Assert.Equal(2, parties.Count);
    }
}
