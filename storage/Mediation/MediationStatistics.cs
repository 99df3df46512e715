namespace ChatBot.Storage.Mediation;

/// <summary>
/// The figures of a yearly or monthly mediation report. Received = cases received in the period; mediated = those
/// concluded by mediation (调解成功 or 调解不成功); successful = 调解成功; success rate = successful / mediated;
/// oral / written = successful cases by agreement form; followed up = cases with at least one 回访 (visits: all of
/// them); court confirmed = cases with a 司法确认 date.
/// </summary>
public sealed record MediationFigures(int Received, int Mediated, int Successful, int Oral, int Written, int Open, int Referred, int Major, int Collective,
    int FollowedUp = 0, int FollowUpVisits = 0, int CourtConfirmed = 0)
{
    /// <summary>Null when nothing was mediated (shown as "—").</summary>
    public double? SuccessRate => Mediated == 0 ? null : (double)Successful / Mediated;

    public static MediationFigures Of(IReadOnlyCollection<MediationCase> cases) => new(
        Received: cases.Count,
        Mediated: cases.Count(c => c.Status is MediationStatus.Succeeded or MediationStatus.Failed),
        Successful: cases.Count(c => c.Status == MediationStatus.Succeeded),
        Oral: cases.Count(c => c.Status == MediationStatus.Succeeded && c.AgreementForm == AgreementForm.Oral),
        Written: cases.Count(c => c.Status == MediationStatus.Succeeded && c.AgreementForm == AgreementForm.Written),
        Open: cases.Count(c => c.IsOpen),
        Referred: cases.Count(c => c.Status == MediationStatus.Referred),
        Major: cases.Count(c => c.Major),
        Collective: cases.Count(c => c.Collective),
        FollowedUp: cases.Count(c => c.FollowUps.Count > 0),
        FollowUpVisits: cases.Sum(c => c.FollowUps.Count),
        CourtConfirmed: cases.Count(c => c.CourtConfirmedOn is not null));
}
