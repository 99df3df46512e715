using System.Text.RegularExpressions;

namespace ChatBot.Storage.Mediation;

/// <summary>Limits and formats shared by the form card, the text dialog and the server-side validation.</summary>
public static partial class MediationRules
{
    /// <summary>A mainland mobile number (13812345678) or a landline with area code (0571-12345678).</summary>
    private const string Phone = @"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}";

    /// <summary>A whole input that is a phone number: the form card's input check and <see cref="IsPhone"/>.</summary>
    public const string PhonePattern = "^(" + Phone + ")$";
    public const int MaxParties = 20;
    public const int MaxNameLength = 30;
    public const int MaxVillageLength = 50;
    public const int MaxSummaryLength = 500;
    public const int MaxNoteLength = 500;
    public const int MaxPeople = 100000;
    public const decimal MaxAmount = 10_000_000_000m;
    public const int MaxTermsLength = 1000;
    public const int MaxAddressLength = 100;
    /// <summary>A 回访 is due this many days before the performance deadline …</summary>
    public const int FollowUpDaysBeforeDeadline = 3;
    /// <summary>… or this many days after settlement when the agreement has no deadline.</summary>
    public const int FollowUpDaysWithoutDeadline = 30;
    /// <summary>The mediators are reminded this many days before the time limit.</summary>
    public const int TimeLimitWarningDays = 5;
    /// <summary>司法确认 may be applied for within 30 days of the agreement taking effect (人民调解法 §33); reminded on day 20.</summary>
    public const int CourtConfirmationWindowDays = 30;
    public const int CourtConfirmationReminderDay = 20;

    [GeneratedRegex(PhonePattern)]
    private static partial Regex PhoneRegex();

    public static bool IsPhone(string? s) => s is not null && PhoneRegex().IsMatch(s);

    /// <summary>Phone numbers inside free text (a summary, a note), to be masked where personal data is hidden.</summary>
    [GeneratedRegex(@"(?<!\d)(" + Phone + @")(?!\d)")]
    public static partial Regex PhoneInText();

    public static string CaseNo(int year, int seq) => $"{year}-{seq:000}";

    /// <summary>"2026-014" (also "2026-14") → (2026, 14).</summary>
    public static bool TryParseCaseNo(string? text, out int year, out int seq)
    {
        year = seq = 0;
        var m = CaseNoRegex().Match(text?.Trim() ?? "");
        return m.Success && int.TryParse(m.Groups[1].Value, out year) && int.TryParse(m.Groups[2].Value, out seq) && seq > 0;
    }

    [GeneratedRegex(@"^(\d{4})\s*[-－—]\s*(\d{1,5})$")]
    private static partial Regex CaseNoRegex();
}
