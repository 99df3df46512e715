namespace ChatBot.Storage.Mediation;

/// <summary>
/// The figures of a yearly or monthly mediation report. Received = cases received in the period; mediated = those
/// concluded by mediation (调解成功 or 调解不成功); successful = 调解成功; success rate = successful / mediated;
/// oral / written = successful cases by agreement form.
/// </summary>
public sealed record MediationFigures(int Received, int Mediated, int Successful, int Oral, int Written, int Open, int Referred, int Major, int Collective)
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
        Collective: cases.Count(c => c.Collective));
}
