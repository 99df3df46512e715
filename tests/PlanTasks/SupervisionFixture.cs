using ChatBot.Storage.PlanTasks;

namespace ChatBot.Tests.PlanTasks;

/// <summary>
/// A year of supervised tasks whose 督办统计 is worked out by hand (today 2026-03-10, Asia/Shanghai):
/// <code>
///            tasks on-time late overdue ext chases resp.  due  rate
/// 综合执法办    2     1     0     1     0    0     —      2   50%
/// 司法所        4     1     1     1     1    3    1.0     3   33.3%
/// 派出所        1     0     0     0     0    0     —      0   —
/// 张三          2     1     0     1     0    0     —      2   50%
/// 李四          3     1     1     1     1    3    1.0     3   33.3%
/// 王五          2     0     0     1     1    2    0.5     1   0%
/// (未指定)      1     0     0     0     0    0     —      0   —
/// total         7     2     1     2     1    3    1.0     5   40%
/// </code>
/// </summary>
internal static class SupervisionFixture
{
    public const string Ws = "msteams:tenant-1:19:group-1@thread.v2";
    public static readonly DateOnly Today = new(2026, 3, 10);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    public static List<PlanTask> Tasks()
    {
        var n = 0;
        PlanTask T(string title, string dept, string[] owners, DateOnly due, PlanTaskStatus status, int year = 2026)
        {
            n++;
            return new PlanTask
            {
                WorkspaceId = Ws, PlanYear = year, PlanTitle = $"{year}年依法行政工作计划", Title = title, Department = dept, Owners = owners.ToList(),
                DueDate = due, Status = status, IdentityKey = PlanTask.Identity(Ws, year, "计划", "", title + n), CreatedUtc = Utc(1, 5, 1), UpdatedUtc = Utc(1, 5, 1),
            };
        }
        // A: on time (done 2-28 18:00 Shanghai), one chase answered in 1.5 days.
        var a = T("执法案卷评查", "司法所", ["李四"], new(2026, 3, 1), PlanTaskStatus.Done);
        a.CompletedUtc = Utc(2, 28, 10);
        a.Supervision.Chases.Add(new TaskChase { AtUtc = Utc(2, 20, 1), ByName = "赵主任", AnsweredUtc = Utc(2, 21, 13) });
        // B: done 3-05 16:30 UTC = 3-06 00:30 in Shanghai, a day after its deadline: late.
        var b = T("法律顾问合同续签", "司法所", ["李四"], new(2026, 3, 5), PlanTaskStatus.Done);
        b.CompletedUtc = Utc(3, 5, 16, 30);
        // C: overdue now (extended once from 2-28 to 3-08, a second request refused), two chases, one answered in 12 hours.
        var c = T("村规民约合法性审查", "司法所", ["李四", "王五"], new(2026, 3, 8), PlanTaskStatus.InProgress);
        c.Supervision.OriginalDueDate = new(2026, 2, 28);
        c.Supervision.Extensions.Add(new ExtensionRequest { FromDate = new(2026, 2, 28), ToDate = new(2026, 3, 8), Reason = "村民代表会议推迟", Decision = ExtensionDecision.Approved });
        c.Supervision.Extensions.Add(new ExtensionRequest { FromDate = new(2026, 3, 8), ToDate = new(2026, 3, 31), Reason = "再延", Decision = ExtensionDecision.Refused });
        c.Supervision.Chases.Add(new TaskChase { AtUtc = Utc(3, 2, 2), ByName = "赵主任", AnsweredUtc = Utc(3, 2, 14) });
        c.Supervision.Chases.Add(new TaskChase { AtUtc = Utc(3, 9, 2), ByName = "赵主任" });
        // D: not due yet.
        var d = T("法治文化阵地建设", "司法所", ["王五"], new(2026, 6, 30), PlanTaskStatus.NotStarted);
        // E: reported done 2-27 (待验收): finished on time although not accepted yet.
        var e = T("执法公示制度", "综合执法办", ["张三"], new(2026, 3, 1), PlanTaskStatus.PendingAcceptance);
        e.Supervision.SubmittedForAcceptanceUtc = Utc(2, 27, 3);
        // F: overdue since 3-09 (due today would not be).
        var f = T("沿街商铺占道整治", "综合执法办", ["张三"], new(2026, 3, 9), PlanTaskStatus.InProgress);
        // G: cancelled, H: no owners and not due, I: last year's plan — G and I are left out.
        var g = T("取消的任务", "综合执法办", ["张三"], new(2026, 2, 1), PlanTaskStatus.Cancelled);
        var h = T("校园周边治安巡查", "派出所", [], new(2026, 12, 1), PlanTaskStatus.NotStarted);
        var i = T("去年的任务", "司法所", ["李四"], new(2025, 12, 1), PlanTaskStatus.InProgress, year: 2025);
        return [a, b, c, d, e, f, g, h, i];
    }

    public static DateOnly Shanghai(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(TimeSpan.FromHours(8)).DateTime);
}
