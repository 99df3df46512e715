using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Features.Mediation;

/// <summary>The "Mediation" configuration section; a workspace's Settings override the defaults.</summary>
internal sealed class MediationOptions
{
    public const string Section = "Mediation";
    public const string CourtReminderKey = "mediation.courtReminder";
    public const string CommitteeNameKey = "mediation.committeeName";
    /// <summary>The villages (村/社区) screened, as set by 排查村居; separated by "、".</summary>
    public const string VillagesKey = "mediation.villages";

    /// <summary>Remind on day 20 that the 30-day window for 司法确认 closes (written agreements).</summary>
    public bool CourtConfirmationReminder { get; set; } = true;
    /// <summary>The committee's name for file numbers and the 协议书, e.g. "东岭镇人民调解委员会".</summary>
    public string CommitteeName { get; set; } = "人民调解委员会";

    /// <summary>矛盾纠纷排查 rounds per village and month: 2 (1st–15th, 16th–end) or 1 (the whole month).</summary>
    public int ScreeningsPerMonth { get; set; } = 2;

    /// <summary>1 or 2 (anything else reads as 2).</summary>
    public int ScreeningPeriodsPerMonth => ScreeningsPerMonth == 1 ? 1 : 2;

    public bool CourtConfirmationReminderFor(Workspace w) =>
        w.Settings.TryGetValue(CourtReminderKey, out var s) && s is not null
            ? s.Trim().ToLowerInvariant() is not ("off" or "false" or "关" or "关闭" or "0")
            : CourtConfirmationReminder;

    public string CommitteeNameFor(Workspace w) =>
        w.Settings.TryGetValue(CommitteeNameKey, out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : CommitteeName;
}
