using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

/// <summary>StudyStore's contract: each test runs on LiteDB and on PostgreSQL; the two-instance ones on PostgreSQL.</summary>
public class StudyStoreTests
{
    private static readonly DateOnly March12 = new(2026, 3, 12);

    private static StudySession Session(string workspace, string title = "学法考试:行政复议法") => new()
    {
        WorkspaceId = workspace, Title = title, Law = "行政复议法", Format = StudyFormat.Exam, ExpectedParticipants = ["王小明", "李娜"],
        Rule = new StudyRule { Kind = StudyRuleKind.Once, Date = March12, Start = new TimeOnly(15, 0), DurationMinutes = 60 },
        SeriesStartUtc = Local(1, 1, 0), CreatedUtc = Local(1, 1, 0),
    };

    private static StudyAttendance SignIn(StudySession s, string user, DateTimeOffset at) => new()
    {
        WorkspaceId = s.WorkspaceId, SessionId = s.Id, OccurrenceDate = March12, UserKey = user, UserName = user, SignedInUtc = at,
    };

    // Each entry a minute after the one before, so the audit history has one order.
    private static int _entries;
    private static AuditEntry Entry(string action) => new() { Action = action, UserKey = "msteams:user-1", AtUtc = Local(3, 1, 9).AddMinutes(Interlocked.Increment(ref _entries)) };

    // As RecordExamScoresCommand writes it: about the exam session, in its workspace.
    private static AuditEntry ScoresEntry(StudySession exam)
    {
        var entry = Entry("study.examScores");
        (entry.WorkspaceId, entry.RecordKey) = (exam.WorkspaceId, StudyStore.RecordKey(exam.Id));
        return entry;
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Sessions_are_numbered_one_after_another_and_read_only_in_their_workspace(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        Assert.Empty(store.All()); // read once, before the writes
        var first = store.Create(Session("A"), Entry("study.create"));
        var second = store.Create(Session("B"), Entry("study.create"));
        store.SavePlan("A", [Session("A", "一月"), Session("A", "二月")], [], (s, isNew) => Entry("study.plan"));

        Assert.Equal([1, 2], new[] { first.Id, second.Id });
        Assert.Equal(["学法考试:行政复议法", "一月", "二月"], store.InWorkspace("A").Select(s => s.Title));
        Assert.Equal([1, 3, 4], store.InWorkspace("A").Select(s => s.Id));
        Assert.Null(store.Get("B", first.Id));
        Assert.Equal(4, store.All().Count); // every write is seen by the next scan
        Assert.Equal(["study.create"], new AuditLog(db).For(StudyStore.RecordKey(first.Id)).Select(a => a.Action));
        Assert.Equal("A", new AuditLog(db).For(StudyStore.RecordKey(3)).Single().WorkspaceId);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_plan_update_changes_the_session_as_stored_and_only_in_the_plans_workspace(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        var session = store.Create(Session("A", "一月"), Entry("study.create"));
        var other = store.Create(Session("B", "二月"), Entry("study.create"));
        store.Change("A", session.Id, s =>
        {
            s.Changes.Add(new StudyOccurrenceChange { Date = March12, Cancelled = true });
            return Entry("study.cancelOccurrence");
        });

        store.SavePlan("A", [], [(session.Id, s => s.Title = "一月(修订)"), (other.Id, s => s.Title = "不改")], (s, isNew) => Entry("study.planUpdate"));

        var stored = store.Get("A", session.Id)!;
        Assert.Equal("一月(修订)", stored.Title);
        Assert.True(stored.Changes.Single().Cancelled); // changed as stored, not as the plan's caller last read it
        Assert.Equal("二月", store.Get("B", other.Id)!.Title);
        Assert.Equal(["study.create", "study.cancelOccurrence", "study.planUpdate"], new AuditLog(db).For(StudyStore.RecordKey(session.Id)).Select(a => a.Action));
        Assert.Equal(["study.create"], new AuditLog(db).For(StudyStore.RecordKey(other.Id)).Select(a => a.Action));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_change_is_saved_with_its_audit_only_when_it_returns_one(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        var session = store.Create(Session("A"), Entry("study.create"));
        Assert.Single(store.All());

        var moved = store.Change("A", session.Id, s =>
        {
            s.Changes.Add(new StudyOccurrenceChange { Date = March12, Cancelled = true });
            return Entry("study.cancelOccurrence");
        });
        Assert.True(moved!.Changes.Single().Cancelled);
        Assert.True(store.Get("A", session.Id)!.Changes.Single().Cancelled);
        Assert.True(store.All().Single().Changes.Single().Cancelled); // the scan's copy follows the write

        Assert.NotNull(store.Change("A", session.Id, s => { s.Title = "不保存"; return null; }));
        Assert.Equal("学法考试:行政复议法", store.Get("A", session.Id)!.Title);
        Assert.Null(store.Change("B", session.Id, s => Entry("x"))); // another workspace's session
        Assert.Equal(["study.create", "study.cancelOccurrence"], new AuditLog(db).For(StudyStore.RecordKey(session.Id)).Select(a => a.Action));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_person_signs_in_to_an_occurrence_once(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        var session = store.Create(Session("A"), Entry("study.create"));
        Assert.True(store.TrySignIn(SignIn(session, "msteams:user-1", Local(3, 12, 15)), out _));
        Assert.False(store.TrySignIn(SignIn(session, "msteams:user-1", Local(3, 12, 16)), out var existing));
        Assert.Equal(Local(3, 12, 15), existing.SignedInUtc); // the first sign-in is kept
        Assert.True(store.TrySignIn(SignIn(session, "msteams:user-2", Local(3, 12, 15, 5)), out _));

        Assert.Equal(["msteams:user-1", "msteams:user-2"], store.AttendanceOf("A", session.Id, March12).Select(a => a.UserKey).Order());
        Assert.Empty(store.AttendanceOf("A", session.Id, March12.AddDays(1)));
        Assert.Empty(store.AttendanceOf("B", session.Id, March12));
        Assert.Equal(2, store.AttendanceOf("A").Count);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Exam_scores_are_kept_per_attempt_and_recording_an_attempt_again_corrects_it(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        var session = store.Create(Session("A"), Entry("study.create"));
        StudyExamScore Score(string name, double score, int attempt) => new()
            { WorkspaceId = "A", SessionId = session.Id, OccurrenceDate = March12, Name = name, Score = score, Attempt = attempt, RecordedUtc = Local(3, 12, 17) };
        store.SaveScores([Score("王小明", 95, 1), Score("李娜", 55, 1)], Entry("study.scores"));
        store.SaveScores([Score("李娜", 58, 1)], Entry("study.scores")); // corrected
        store.SaveScores([Score("李娜", 82, 2)], Entry("study.scores"));

        var scores = store.ScoresOf("A").OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Attempt).ToList();
        Assert.Equal([("李娜", 1, 58.0), ("李娜", 2, 82.0), ("王小明", 1, 95.0)], scores.Select(s => (s.Name, s.Attempt, s.Score)));
        Assert.Equal($"{session.Id}|2026-03-12|李娜|2", scores[1].Id);
        Assert.Empty(store.ScoresOf("B"));
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_meeting_record_is_found_by_its_meeting_id(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        Assert.Null(store.Meeting("meeting-1"));
        store.SaveMeeting(new StudyMeeting { Id = "meeting-1", ChatWorkspaceId = "chat", WorkspaceId = "A", SessionId = 1, OccurrenceDate = March12, StartedUtc = Local(3, 12, 15) });
        var meeting = store.Meeting("meeting-1")!;
        meeting.Presence.Add(new StudyMeetingPresence { UserKey = "msteams:user-1", JoinedUtc = Local(3, 12, 15), LeftUtc = Local(3, 12, 15, 50) });
        store.SaveMeeting(meeting);
        Assert.Equal(50, store.Meeting("meeting-1")!.MinutesPresent("msteams:user-1", Local(3, 12, 16)));
    }

    // ── Two instances on one PostgreSQL database ─────────────────────────────────────────────────────────────────────

    private static (PostgresDocumentDatabase A, PostgresDocumentDatabase B) TwoInstances()
    {
        var two = new TwoPostgresInstances(); // A and B own their data sources: the caller disposes them
        return (two.A, two.B);
    }

    [Fact]
    public async Task One_person_signing_in_from_two_instances_at_once_is_signed_in_once()
    {
        var (dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        var a = new StudyStore(dbA);
        var b = new StudyStore(dbB);
        var session = a.Create(Session("A"), Entry("study.create"));
        // Ten people, each signing in from both instances at the same moment.
        var tries = Enumerable.Range(1, 10).SelectMany(i => new[] { a, b }.Select(store => Task.Run(() =>
            store.TrySignIn(SignIn(session, $"msteams:user-{i}", Local(3, 12, 15, i)), out _)))).ToList();
        var results = await Task.WhenAll(tries);

        Assert.Equal(10, results.Count(r => r));
        Assert.Equal(10, b.AttendanceOf("A", session.Id, March12).Select(x => x.UserKey).Distinct().Count());
        Assert.Equal(10, a.AttendanceOf("A").Count);
    }

    [Fact]
    public async Task Two_instances_changing_one_session_at_once_lose_no_change_and_see_each_others_sessions()
    {
        var (dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        var a = new StudyStore(dbA);
        var b = new StudyStore(dbB);
        Assert.Empty(b.All()); // B has scanned before A writes
        var session = a.Create(Session("A"), Entry("study.create"));
        Assert.Equal([session.Id], b.All().Select(s => s.Id));

        // Each instance cancels other occurrences of the same session at once: every cancellation must stay.
        var changes = Enumerable.Range(1, 12).Select(day => Task.Run(() => (day % 2 == 0 ? a : b).Change("A", session.Id, s =>
        {
            s.Changes.Add(new StudyOccurrenceChange { Date = new DateOnly(2026, 4, day), Cancelled = true });
            return Entry("study.cancelOccurrence");
        }))).ToList();
        await Task.WhenAll(changes);

        Assert.Equal(Enumerable.Range(1, 12).Select(day => new DateOnly(2026, 4, day)), a.Get("A", session.Id)!.Changes.Select(c => c.Date).Order());
        Assert.Equal(12, b.All().Single().Changes.Count);
    }
    [Fact]
    public async Task Scores_saved_on_two_instances_at_once_keep_everyone_marked_absent_and_a_change_made_meanwhile()
    {
        var (dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        var a = new StudyStore(dbA);
        var b = new StudyStore(dbB);
        var session = a.Create(Session("A"), Entry("study.create"));
        StudyExamScore Score(string name) => new()
            { WorkspaceId = "A", SessionId = session.Id, OccurrenceDate = March12, Name = name, Score = 90, Attempt = 1, RecordedUtc = Local(3, 12, 17) };
        // Each round two people record scores at once, each marking someone absent who was not expected (added to the
        // expected list), while a third cancels an occurrence: none of the three may be lost.
        for (var round = 1; round <= 6; round++)
        {
            var (absentA, absentB, day) = ($"甲{round}", $"乙{round}", new DateOnly(2026, 4, round));
            await TwoPostgresInstances.AllAtOnce<bool>([
                () => { a.SaveScores([Score($"王{round}")], ScoresEntry(session), session.Id, [absentA]); return true; },
                () => { b.SaveScores([Score($"李{round}")], ScoresEntry(session), session.Id, [absentB]); return true; },
                () => b.Change("A", session.Id, s =>
                {
                    s.Changes.Add(new StudyOccurrenceChange { Date = day, Cancelled = true });
                    return Entry("study.cancelOccurrence");
                }) is not null,
            ]);
        }

        var stored = b.Get("A", session.Id)!;
        Assert.Equal(new[] { "王小明", "李娜" }.Concat(Enumerable.Range(1, 6).SelectMany(r => new[] { $"甲{r}", $"乙{r}" })).Order(), stored.ExpectedParticipants.Order());
        Assert.Equal(Enumerable.Range(1, 6).Select(day => new DateOnly(2026, 4, day)), stored.Changes.Select(c => c.Date).Order());
        Assert.Equal(12, a.ScoresOf("A").Count);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Someone_marked_absent_is_added_to_the_expected_list_once_and_only_in_the_sessions_workspace(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        var session = store.Create(Session("A"), Entry("study.create"));
        store.SaveScores([], ScoresEntry(session), session.Id, ["张三", "李娜"]);
        store.SaveScores([], ScoresEntry(session), session.Id, ["张三"]);
        var other = store.Create(Session("B"), Entry("study.create"));
        // A session id from the wrong workspace changes nothing.
        Assert.Throws<InvalidOperationException>(() => store.SaveScores([], ScoresEntry(session), other.Id, ["王五"]));

        Assert.Equal(["王小明", "李娜", "张三"], store.Get("A", session.Id)!.ExpectedParticipants);
        Assert.Equal(["王小明", "李娜"], store.Get("B", other.Id)!.ExpectedParticipants);
        Assert.Equal(2, new AuditLog(db).For(StudyStore.RecordKey(session.Id)).Count(e => e.Action == "study.examScores"));
    }
    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_meeting_event_changes_the_record_as_stored_and_saves_nothing_when_told_so(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var store = new StudyStore(db);
        Assert.Equal("ignored", store.ChangeMeeting("meeting-1", m => { Assert.Null(m); return ((StudyMeeting?)null, "ignored"); }));
        Assert.Null(store.Meeting("meeting-1"));

        store.ChangeMeeting("meeting-1", m => (NewMeeting("meeting-1"), true));
        var result = store.ChangeMeeting("meeting-1", m =>
        {
            m!.Presence.Add(new StudyMeetingPresence { UserKey = "msteams:user-1", JoinedUtc = Local(3, 12, 15), LeftUtc = Local(3, 12, 15, 50) });
            return (m, m.Presence.Count);
        });

        Assert.Equal(1, result);
        Assert.Equal(50, store.Meeting("meeting-1")!.MinutesPresent("msteams:user-1", Local(3, 12, 16)));
        Assert.Equal(Local(3, 12, 15), store.Meeting("meeting-1")!.StartedUtc);
    }

    private static StudyMeeting NewMeeting(string id) =>
        new() { Id = id, ChatWorkspaceId = "chat", WorkspaceId = "A", SessionId = 1, OccurrenceDate = March12, StartedUtc = Local(3, 12, 15) };

    [Fact]
    public async Task Joins_of_one_meeting_handled_on_two_instances_at_once_keep_everyones_presence()
    {
        var (dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        var a = new StudyStore(dbA);
        var b = new StudyStore(dbB);
        for (var round = 1; round <= 5; round++)
        {
            var id = $"meeting-{round}";
            // Twelve people join at once, their events reaching both instances; the first two also make the record.
            await TwoPostgresInstances.AllAtOnce(Enumerable.Range(1, 12).Select(person => (Func<bool>)(() =>
                (person % 2 == 0 ? a : b).ChangeMeeting(id, m =>
                {
                    m ??= NewMeeting(id);
                    m.Presence.Add(new StudyMeetingPresence { UserKey = $"msteams:user-{person}", JoinedUtc = Local(3, 12, 15, person) });
                    return (m, true);
                }))));

            Assert.Equal(Enumerable.Range(1, 12).Select(person => $"msteams:user-{person}").Order(),
                b.Meeting(id)!.Presence.Select(p => p.UserKey).Order());
        }
    }

    [Fact]
    public async Task A_plan_imported_again_while_another_instance_changes_a_session_keeps_that_change()
    {
        var (dbA, dbB) = TwoInstances();
        using var _a = dbA;
        using var _b = dbB;
        var a = new StudyStore(dbA);
        var b = new StudyStore(dbB);
        var planned = Session("A", "一月");
        planned.PlanKey = "2026-01";
        a.SavePlan("A", [planned], [], (s, isNew) => Entry("study.planImport"));
        // Each round the plan is imported again with a new title while an occurrence is cancelled on the other instance.
        for (var round = 1; round <= 6; round++)
        {
            var (title, day) = ($"一月(第{round}次修订)", new DateOnly(2026, 4, round));
            await TwoPostgresInstances.AllAtOnce<bool>([
                () => { a.SavePlan("A", [], [(planned.Id, s => s.Title = title)], (x, isNew) => Entry("study.planUpdate")); return true; },
                () => b.Change("A", planned.Id, s =>
                {
                    s.Changes.Add(new StudyOccurrenceChange { Date = day, Cancelled = true });
                    return Entry("study.cancelOccurrence");
                }) is not null,
            ]);
        }

        var stored = b.Get("A", planned.Id)!;
        Assert.Equal("一月(第6次修订)", stored.Title);
        Assert.Equal(Enumerable.Range(1, 6).Select(day => new DateOnly(2026, 4, day)), stored.Changes.Select(c => c.Date).Order());
        Assert.Equal(6, new AuditLog(dbA).For(StudyStore.RecordKey(planned.Id)).Count(e => e.Action == "study.planUpdate"));
    }
}
