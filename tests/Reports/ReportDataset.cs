using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Reports;

/// <summary>
/// A generated year (2026) of one workspace, written through the real stores: cases (and a few of 2025 that must not
/// count), one study session a month with sign-ins and three exams, plan tasks done on time, late, overdue, extended,
/// cancelled, and next year's plan and study. Seeded, so every run writes the same records.
/// </summary>
internal static class ReportDataset
{
    public const string Ws = "msteams:tenant-1:19:group-1@thread.v2";
    public static readonly string[] Sections = ["依法全面履行政府职能", "严格规范公正文明执法", "预防调处化解社会矛盾纠纷"];
    public static readonly string[] Departments = ["司法所", "综合执法办", "党政办", "派出所"];
    public static readonly string[] Laws = ["宪法", "民法典", "行政处罚法", "信访工作条例"];

    private static DateTimeOffset Local(DateOnly d, int hour) => new(d.Year, d.Month, d.Day, hour, 0, 0, TimeSpan.FromHours(8));

    public static void Seed(BotHost host, int cases, int tasks, DateOnly today, int seed = 26)
    {
        var rnd = new Random(seed);
        var now = host.Clock.GetUtcNow();
        SeedCases(host.Service<MediationStore>(), rnd, cases, today, now);
        SeedStudy(host.Service<StudyStore>(), rnd, today);
        host.Service<PlanTaskStore>().BulkInsert(Tasks(rnd, tasks, today));
    }

    private static void SeedCases(MediationStore store, Random rnd, int count, DateOnly today, DateTimeOffset now)
    {
        var actor = new MediationActor("msteams:user-1", "王小明");
        var types = Enum.GetValues<DisputeType>();
        for (var i = 0; i < count + 10; i++)
        {
            var lastYear = i >= count;
            var received = lastYear ? new DateOnly(2025, 12, 1).AddDays(rnd.Next(30)) : new DateOnly(2026, 1, 1).AddDays(rnd.Next(today.DayOfYear - 3));
            var roll = rnd.Next(100);
            var status = roll < 50 ? MediationStatus.Succeeded : roll < 65 ? MediationStatus.Failed : roll < 75 ? MediationStatus.InProgress
                : roll < 85 ? MediationStatus.Accepted : MediationStatus.Referred;
            AgreementForm? form = status == MediationStatus.Succeeded ? (rnd.Next(2) == 0 ? AgreementForm.Oral : AgreementForm.Written) : null;
            var c = Case(received, types[rnd.Next(types.Length)], $"第{rnd.Next(1, 9)}村", status, form, major: rnd.Next(20) == 0, collective: rnd.Next(20) == 0);
            c.WorkspaceId = Ws;
            var saved = store.Create(c, $"gen-{i}", actor, now).Case;
            if (status != MediationStatus.Succeeded) continue;
            if (rnd.Next(10) < 3)
            {
                store.AddFollowUp(Ws, saved.CaseNo, new FollowUpVisit { Date = received.AddDays(10), By = "李娜", Performance = Performance.Fulfilled }, actor, now);
                if (rnd.Next(3) == 0) store.AddFollowUp(Ws, saved.CaseNo, new FollowUpVisit { Date = received.AddDays(20), By = "李娜", Performance = Performance.Fulfilled }, actor, now);
            }
            if (form == AgreementForm.Written && rnd.Next(5) == 0) store.RecordCourtConfirmation(Ws, saved.CaseNo, received.AddDays(15), actor, now);
        }
    }

    /// <summary>The 15th of each month at 15:00 (formats in turn, April, August and December exams), and one in January next year.</summary>
    private static void SeedStudy(StudyStore store, Random rnd, DateOnly today)
    {
        var people = Enumerable.Range(1, 10).Select(n => $"干部{n:00}").ToList();
        var created = Local(new DateOnly(2025, 12, 1), 9);
        var formats = new[] { StudyFormat.Centralized, StudyFormat.MeetingAsTraining, StudyFormat.CaseExplanation, StudyFormat.Lecture, StudyFormat.Online };
        for (var month = 1; month <= 13; month++)
        {
            var date = month <= 12 ? new DateOnly(2026, month, 15) : new DateOnly(2027, 1, 15);
            var exam = month is 4 or 8 or 12;
            var session = store.Create(new StudySession
            {
                WorkspaceId = Ws, Title = exam ? $"{date.Month}月学法考试" : $"{date.Month}月学法", Law = Laws[month % Laws.Length],
                Format = exam ? StudyFormat.Exam : formats[month % formats.Length], ExpectedParticipants = people,
                Rule = new StudyRule { Kind = StudyRuleKind.Once, Date = date, Start = new TimeOnly(15, 0), DurationMinutes = month % 2 == 0 ? 90 : 60 },
                SeriesStartUtc = created, CreatedUtc = created, UpdatedUtc = created,
            }, new AuditEntry { Action = "test" });
            if (date > today) continue;
            var attendRate = month == 6 ? 50 : 95; // June is the low one
            for (var p = 0; p < people.Count; p++)
                if (rnd.Next(100) < attendRate)
                    store.TrySignIn(new StudyAttendance
                    {
                        WorkspaceId = Ws, SessionId = session.Id, OccurrenceDate = date, UserKey = $"msteams:cadre-{p + 1:00}", UserName = people[p],
                        SignedInUtc = Local(date, 15),
                    }, out _);
            if (exam)
                store.SaveScores(people.Take(9).Select(name => new StudyExamScore
                {
                    WorkspaceId = Ws, SessionId = session.Id, OccurrenceDate = date, Name = name, Score = rnd.Next(40, 101), Attempt = 1, RecordedUtc = Local(date, 17),
                }).ToList(), new AuditEntry { Action = "test" });
        }
    }

    private static List<PlanTask> Tasks(Random rnd, int count, DateOnly today)
    {
        var list = new List<PlanTask>();
        for (var i = 0; i < count + 8; i++)
        {
            var nextYear = i >= count;
            var year = nextYear ? 2027 : 2026;
            var due = new DateOnly(year, rnd.Next(1, 13), rnd.Next(1, 29));
            var section = Sections[rnd.Next(Sections.Length)];
            var title = $"{section[..2]}任务{i + 1}";
            var t = new PlanTask
            {
                WorkspaceId = Ws, PlanYear = year, PlanTitle = $"{year}年法治政府建设工作计划", Section = section, Title = title,
                Department = Departments[rnd.Next(Departments.Length)], Owners = [$"干部{rnd.Next(1, 11):00}"], DueDate = due,
                IdentityKey = PlanTask.Identity(Ws, year, $"{year}年法治政府建设工作计划", section, title),
                CreatedUtc = Local(new DateOnly(2026, 1, 5), 9), UpdatedUtc = Local(new DateOnly(2026, 1, 5), 9),
            };
            var roll = rnd.Next(100);
            if (nextYear) t.Status = PlanTaskStatus.NotStarted;
            else if (roll < 5) t.Status = PlanTaskStatus.Cancelled;
            else if (due < today ? roll < 65 : roll < 25)
            {
                var finished = due.AddDays(rnd.Next(-10, 8));
                if (finished > today) finished = today;
                if (roll % 7 == 0)
                {
                    t.Status = PlanTaskStatus.PendingAcceptance;
                    t.Supervision.SubmittedForAcceptanceUtc = Local(finished, 16);
                }
                else
                {
                    t.Status = PlanTaskStatus.Done;
                    t.CompletedUtc = Local(finished, 16);
                }
            }
            else t.Status = rnd.Next(2) == 0 ? PlanTaskStatus.InProgress : PlanTaskStatus.NotStarted;
            if (!nextYear && rnd.Next(100) < 15)
            {
                t.Supervision.OriginalDueDate = due.AddDays(-14);
                t.Supervision.Extensions.Add(new ExtensionRequest { FromDate = due.AddDays(-14), ToDate = due, Reason = "延期", Decision = ExtensionDecision.Approved });
                if (rnd.Next(3) == 0)
                    t.Supervision.Extensions.Add(new ExtensionRequest { FromDate = due, ToDate = due.AddDays(30), Reason = "再延", Decision = ExtensionDecision.Refused });
            }
            if (!nextYear && rnd.Next(100) < 20)
                t.Supervision.Chases.Add(new TaskChase { AtUtc = Local(due.AddDays(-3), 9), ByName = "赵主任", AnsweredUtc = rnd.Next(2) == 0 ? Local(due.AddDays(-2), 9) : null });
            list.Add(t);
        }
        return list;
    }
}
