namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>
/// The steps of every waterfall as they were when dialog versions were introduced (December 2026). State saved before
/// then has no version; such a dialog is continued only while its steps are still exactly these, which is what makes
/// resuming it safe: the saved step number still means the same step. Once a dialog's steps change, its unversioned
/// state is ended politely like any other outdated dialog. Never edit an entry to match new steps; entries can be
/// deleted once no state from before versions can be left (after the first deploy with versions, plus the longest a
/// clerk leaves a dialog unfinished).
/// </summary>
internal static class DialogsBeforeVersioning
{
    private static readonly Dictionary<string, string[]> StepsById = new(StringComparer.Ordinal)
    {
        ["mediation.log"] =
        [
            "ShowFormAsync", "AskDateAsync", "AskSourceAsync", "AskTypeAsync", "AskVillageAsync", "AskPartiesAsync", "AskPeopleAsync",
            "AskAmountAsync", "AskSummaryAsync", "AskMediatorsAsync", "AskStatusAsync", "AskAgreementFormAsync", "AskFlagsAsync",
            "ConfirmAsync", "SaveAsync",
        ],
        ["mediation.followup"] = ["AskDateAsync", "AskByAsync", "AskPerformanceAsync", "AskNoteAsync", "SaveAsync"],
        ["mediation.outcome"] = ["AskStatusAsync", "AskAgreementFormAsync", "AskNoteAsync", "SaveAsync"],
        ["plantasks.complete"] = ["AskFeedbackAsync", "CloseTaskAsync"],
        ["plantasks.edit"] = ["ShowFormAsync", "SaveAsync"],
        ["plantasks.import"] = ["AskForPlanAsync", "PreviewAsync", "SaveAsync"],
        ["study.schedule"] =
        [
            "ShowFormAsync", "FormSubmittedOrAskTitleAsync", "AskLawAsync", "AskFormatAsync", "AskRuleAsync", "AskPresenterAsync",
            "AskLocationAsync", "AskMaterialsAsync", "AskExpectedAsync", "ConfirmAsync", "SaveAsync",
        ],
    };

    public static IReadOnlyCollection<string> Ids => StepsById.Keys;

    public static IReadOnlyList<string>? Steps(string dialogId) => StepsById.GetValueOrDefault(dialogId);
}
