namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// 督办统计: the plan tasks of a year (cancelled ones left out) by lead department (牵头单位) and by owner, each ranked by
/// 按时办结率. A task is done on time when it was finished (reported done, before any 验收) on or before its deadline,
/// the extended one when an extension was approved; an extension shows in its own column. A task with several owners
/// counts for each of them.
/// </summary>
public sealed record SupervisionReport(int Year, string? Department, SupervisionFigures Total,
    IReadOnlyList<SupervisionFigures> ByDepartment, IReadOnlyList<SupervisionFigures> ByOwner)
{
    /// <summary>The name of a task without a lead department, or without owners, in the report.</summary>
    public const string Unassigned = "(未指定)";

    /// <param name="localDate">The local day of an instant (the workspace's time zone).</param>
    /// <param name="department">Only the tasks whose lead department contains this text; null: all.</param>
    public static SupervisionReport Compute(IEnumerable<PlanTask> tasks, int year, string? department, DateOnly today, Func<DateTimeOffset, DateOnly> localDate)
    {
        var list = tasks.Where(t => t.PlanYear == year && t.Status != PlanTaskStatus.Cancelled
            && (string.IsNullOrWhiteSpace(department) || t.Department.Contains(department.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        var byDepartment = list.GroupBy(t => t.Department.Trim() is { Length: > 0 } d ? d : Unassigned)
            .Select(g => Figures(g.Key, g, today, localDate));
        var byOwner = list.SelectMany(t => (t.Owners.Count == 0 ? [Unassigned] : t.Owners.Distinct()).Select(o => (Owner: o, Task: t)))
            .GroupBy(x => x.Owner, x => x.Task)
            .Select(g => Figures(g.Key, g, today, localDate));
        return new SupervisionReport(year, string.IsNullOrWhiteSpace(department) ? null : department.Trim(), Figures("合计", list, today, localDate),
            Ranked(byDepartment), Ranked(byOwner));
    }

    /// <summary>By 按时办结率, highest first; those with nothing due yet last; then more tasks first, then by name.</summary>
    private static List<SupervisionFigures> Ranked(IEnumerable<SupervisionFigures> rows) =>
        rows.OrderBy(r => r.OnTimeRate is null).ThenByDescending(r => r.OnTimeRate ?? 0).ThenByDescending(r => r.Tasks)
            .ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

    private static SupervisionFigures Figures(string name, IEnumerable<PlanTask> tasks, DateOnly today, Func<DateTimeOffset, DateOnly> localDate)
    {
        int count = 0, onTime = 0, late = 0, overdue = 0, extensions = 0, chases = 0, due = 0;
        var responseDays = new List<double>();
        foreach (var t in tasks)
        {
            count++;
            var s = t.HasSupervision ? t.Supervision : null;
            var finished = FinishedOn(t, localDate);
            if (finished is { } f)
            {
                if (f <= t.DueDate) onTime++; else late++;
            }
            else if (t.IsOpen && t.DueDate < today) overdue++;
            if (finished is not null || t.DueDate < today) due++;
            if (s is null) continue;
            extensions += s.ApprovedExtensions;
            chases += s.Chases.Count;
            foreach (var c in s.Chases)
                if (c.AnsweredUtc is { } answered) responseDays.Add((answered - c.AtUtc).TotalDays);
        }
        double? average = responseDays.Count == 0 ? null : Math.Round(responseDays.Average(), 1, MidpointRounding.AwayFromZero);
        return new SupervisionFigures(name, count, onTime, late, overdue, extensions, chases, average, due);
    }

    /// <summary>
    /// The day the owners finished: when they reported it done (待验收) or, without acceptance, when it was closed.
    /// Null while not finished (a task waiting for 验收 counts as finished: the wait is the office's, not the owner's).
    /// </summary>
    private static DateOnly? FinishedOn(PlanTask t, Func<DateTimeOffset, DateOnly> localDate)
    {
        var submitted = t.HasSupervision ? t.Supervision.SubmittedForAcceptanceUtc : null;
        return t.Status switch
        {
            PlanTaskStatus.Done => submitted is { } s ? localDate(s) : t.CompletedUtc is { } c ? localDate(c) : null,
            PlanTaskStatus.PendingAcceptance => submitted is { } p ? localDate(p) : null,
            _ => null,
        };
    }
}
