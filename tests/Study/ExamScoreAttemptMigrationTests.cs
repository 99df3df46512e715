using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Migrations;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using static ChatBot.Tests.Study.StudyTestKit;

namespace ChatBot.Tests.Study;

public class ExamScoreAttemptMigrationTests
{
    private const string Ws = "msteams:tenant-1:19:group-1@thread.v2";

    /// <summary>
    /// A database as the code before attempts wrote it: scores keyed "{session}|{date}|{name}" without an Attempt field,
    /// an attendance record without a sign-in method, a session without presenter unit, meeting or plan key.
    /// </summary>
    private static string PreviousVersionDatabase()
    {
        var path = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(path);
        WriteOldRecords(db);
        return path;
    }

    /// <summary>The records of the previous version, written as documents (the same on both providers).</summary>
    private static void WriteOldRecords(DocumentDatabase db)
    {
        var store = new StudyStore(db);
        var session = store.Create(new StudySession
        {
            WorkspaceId = Ws, Title = "学法考试:行政复议法", Law = "行政复议法", Format = StudyFormat.Exam, ExpectedParticipants = ["王小明", "李娜", "张三"],
            Rule = new StudyRule { Kind = StudyRuleKind.Once, Date = new DateOnly(2026, 3, 12), Start = new TimeOnly(15, 0), DurationMinutes = 60 },
            SeriesStartUtc = Local(1, 1, 0), CreatedUtc = Local(1, 1, 0),
        }, new AuditEntry { Action = "test" });
        var sessions = db.Table(StudyStore.Sessions);
        var doc = sessions.FindById(session.Id)!;
        foreach (var field in new[] { "MakeUpOfSessionId", "MakeUpOfDate" }) doc.Remove(field);
        sessions.Update(doc);
        var scores = db.Table(StudyStore.Scores);
        foreach (var (name, score) in new[] { ("王小明", 95.0), ("李娜", 55.0) })
        {
            var d = db.Mapper.ToDocument(new StudyExamScore { WorkspaceId = Ws, SessionId = session.Id, OccurrenceDate = new DateOnly(2026, 3, 12), Name = name, Score = score, RecordedUtc = Local(3, 12, 17) });
            d.Remove("Attempt");
            d["_id"] = $"{session.Id}|2026-03-12|{name}";
            scores.Insert(d, BsonAutoId.ObjectId);
        }
        var attendance = db.Table(StudyStore.Attendance);
        var a = db.Mapper.ToDocument(new StudyAttendance { Id = StudyAttendance.IdOf(session.Id, new DateOnly(2026, 3, 12), "msteams:user-1"), WorkspaceId = Ws, SessionId = session.Id,
            OccurrenceDate = new DateOnly(2026, 3, 12), UserKey = "msteams:user-1", UserName = "王小明", SignedInUtc = Local(3, 12, 15) });
        a.Remove("Method");
        a.Remove("MinutesPresent");
        attendance.Insert(a, BsonAutoId.ObjectId);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Old_scores_become_first_attempts_and_running_it_again_changes_nothing(string provider)
    {
        using var db = StorageProviders.Open(provider);
        WriteOldRecords(db);
        var migration = new ExamScoreAttemptMigration();
        Assert.Equal([3000], SchemaMigrator.Migrate(db, [migration]).Select(m => m.Version));
        migration.Apply(db); // a crash before it was marked applied: runs again
        var store = new StudyStore(db);
        var scores = store.ScoresOf(Ws).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(2, scores.Count);
        Assert.All(scores, s => Assert.Equal(1, s.Attempt));
        Assert.Equal(["1|2026-03-12|李娜|1", "1|2026-03-12|王小明|1"], scores.Select(s => s.Id));
        Assert.Equal([(1, 55.0)], scores.Where(s => s.Name == "李娜").Select(s => (s.Attempt, s.Score)));
        Assert.Equal(2, db.Table(StudyStore.Scores).Count(null));
        // The other old records read as their defaults.
        Assert.Equal(StudySignInMethod.SelfSignIn, store.AttendanceOf(Ws).Single().Method);
        Assert.Null(store.Get(Ws, 1)!.MakeUpOfSessionId);
    }

    [Fact]
    public async Task The_bot_started_on_an_old_database_keeps_its_statistics_and_adds_make_up_attempts()
    {
        using var host = new BotHost(PreviousVersionDatabase(), settings: new() { ["Reminders:Enabled"] = "false" });
        host.Clock.SetUtcNow(Local(3, 20, 12));
        async Task<string> Say(string text) => (await host.SendAsync(Activities.GroupMention(text))).AllText();

        var stats = await Say("学法统计");
        Assert.Contains("03-12 学法考试:行政复议法 1/3(33%),考试2人平均75分", stats);
        var mine = await Say("我的学法");
        Assert.Contains("- 03-12 学法考试:行政复议法:1学时(签到)", mine);
        Assert.Contains("- 03-12 学法考试:行政复议法:95 优秀", mine);

        // 李娜's old score is her first attempt: the make-up is her second, and the best counts.
        Assert.Contains("已记录", await Say("录入成绩 1 2026-03-12 补考 李娜 82"));
        var score = host.Service<StudyStore>().ScoresOf(Ws).Where(s => s.Name == "李娜").OrderBy(s => s.Attempt).ToList();
        Assert.Equal([(1, 55.0), (2, 82.0)], score.Select(s => (s.Attempt, s.Score)));
    }
}
