namespace ChatBot.Storage.Mediation;

/// <summary>
/// The 人民调解工作统计 figures of one period. Each figure counts a case into the period by the date of the event it
/// counts: 受理 (and its sources, types, 重大疑难, 群体性) by 受理日期; 调解成功, 调解不成功, 协议金额, 口头/书面 and 已履行
/// by 结案日期; 司法确认 by the day the court confirmed. 成功率 = 调解成功 / (调解成功 + 调解不成功) closed in the period.
/// 已履行 = settled in the period and the latest 回访 found the agreement performed.
/// </summary>
public sealed record MediationPeriodFigures(
    DateOnly From,
    DateOnly To,
    int Received,
    int Successful,
    int Failed,
    decimal AgreementAmount,
    int FromApplication,
    int FromScreening,
    int EntrustedOrReferred,
    IReadOnlyDictionary<DisputeType, int> ReceivedByType,
    int Oral,
    int Written,
    int Fulfilled,
    int CourtConfirmed,
    int Major,
    int Collective)
{
    /// <summary>Null when nothing was concluded by mediation in the period (shown as "—").</summary>
    public double? SuccessRate => Successful + Failed == 0 ? null : (double)Successful / (Successful + Failed);

    public static MediationPeriodFigures Compute(IEnumerable<MediationCase> cases, DateOnly from, DateOnly to)
    {
        var all = cases.ToList();
        bool In(DateOnly? d) => d is { } x && x >= from && x <= to;
        var received = all.Where(c => In(c.ReceivedOn)).ToList();
        // A case closed without a recorded 结案日期 (none are left after migration 1000) counts on its 受理 date.
        var closed = all.Where(c => !c.IsOpen && In(c.ClosedOn ?? c.ReceivedOn)).ToList();
        var settled = closed.Where(c => c.Status == MediationStatus.Succeeded).ToList();
        var types = received.GroupBy(c => c.DisputeType).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        return new MediationPeriodFigures(from, to,
            Received: received.Count,
            Successful: settled.Count,
            Failed: closed.Count(c => c.Status == MediationStatus.Failed),
            AgreementAmount: settled.Sum(c => c.AgreementAmount),
            FromApplication: received.Count(c => c.Source == MediationSource.Application),
            FromScreening: received.Count(c => c.Source == MediationSource.Screening),
            EntrustedOrReferred: received.Count(c => c.Source is not (MediationSource.Application or MediationSource.Screening)),
            ReceivedByType: types,
            Oral: settled.Count(c => c.AgreementForm == AgreementForm.Oral),
            Written: settled.Count(c => c.AgreementForm == AgreementForm.Written),
            Fulfilled: settled.Count(c => c.FollowUps.OrderBy(f => f.Date).LastOrDefault()?.Performance == Performance.Fulfilled),
            CourtConfirmed: all.Count(c => In(c.CourtConfirmedOn)),
            Major: received.Count(c => c.Major),
            Collective: received.Count(c => c.Collective));
    }
}
