using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Cards;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Bot.Hosting;
using ChatBot.Bot.Reminders;
using ChatBot.Storage;
using ChatBot.Storage.Board;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Engine;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Postgres;
using ChatBot.Storage.Reminders;
using ChatBot.Storage.Study;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Reports;
using LiteDB;
using Microsoft.Extensions.Options;
using Npgsql;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Storage;

/// <summary>Issue #27: <c>migrate-store --from FILE --to CONNECTION_STRING [--force]</c> moves a LiteDB deployment to PostgreSQL.</summary>
public class MigrateStoreTests
{
    private const string Ws = ReportDataset.Ws;

    [Fact]
    public async Task Every_kind_of_record_of_a_file_made_by_this_version_moves_over_and_reads_back_through_the_stores()
    {
        var (file, downloadToken) = await FileWithEveryKindOfRecord();
        using (var lite = ChatBotDatabase.Open(file))
        {
            // The file really holds every kind of record the bot writes, or this test would prove less than it says.
            var empty = ChatBotDatabase.Collections.Where(c => lite.GetCollection(c).Count() == 0).ToList();
            Assert.True(empty.Count == 0, "collections left empty by the set-up: " + string.Join(", ", empty));
        }
        var target = PostgresServer.NewDatabase();

        var (exit, output, errors) = MigrateStore("--from", file, "--to", target);

        Assert.True(exit == 0, errors + output);
        Assert.Contains("Schema script applied: 0001_tables", output);
        Assert.Contains("every count matches and every record reads back equal", output);
        using var source = new LiteDocumentDatabase(ChatBotDatabase.Open(file), ownsDatabase: true);
        using var pg = new PostgresDocumentDatabase(NpgsqlDataSource.Create(target), ownsDataSource: true);
        foreach (var collection in ChatBotDatabase.Collections)
        {
            var count = source.Table(collection).Count(null);
            Assert.Matches($@"(?m)^  {collection} +{count} +{count}$", output.Replace("\r", ""));
            Assert.Equal(count, pg.Table(collection).Count(null));
        }

        // Read back through the stores: what each gives on PostgreSQL is what it gives on the file.
        Same(new MediationStore(source).All(Ws), new MediationStore(pg).All(Ws));
        Assert.Contains(new MediationStore(pg).All(Ws), c => c.FollowUps.Count > 0);
        Same(new ScreeningStore(source).All(Ws), new ScreeningStore(pg).All(Ws));
        Same(new StudyStore(source).InWorkspace(Ws), new StudyStore(pg).InWorkspace(Ws));
        Same(new StudyStore(source).AttendanceOf(Ws).OrderBy(a => a.Id, StringComparer.Ordinal), new StudyStore(pg).AttendanceOf(Ws).OrderBy(a => a.Id, StringComparer.Ordinal)); // in no particular order
        Same(new StudyStore(source).Meeting("meeting-1"), new StudyStore(pg).Meeting("meeting-1"));
        Same(new PlanTaskStore(source, new AuditLog(source)).All(Ws), new PlanTaskStore(pg, new AuditLog(pg)).All(Ws));
        Assert.Contains(new PlanTaskStore(pg, new AuditLog(pg)).All(Ws), t => t.Supervision.Chases.Count > 0);
        Same(new OwnerBindingStore(source, new AuditLog(source)).Of(Ws), new OwnerBindingStore(pg, new AuditLog(pg)).Of(Ws));
        Same(new OutboxStore(source).Get("copy/reminder-1"), new OutboxStore(pg).Get("copy/reminder-1"));
        Assert.NotNull(new OutboxStore(pg).Get("copy/reminder-1"));
        Same(new BoardStore(source).Live(Ws), new BoardStore(pg).Live(Ws));
        Assert.NotNull(new BoardStore(pg).Live(Ws));
        Same(new WorkspaceStore(source).All().OrderBy(w => w.Id), new WorkspaceStore(pg).All().OrderBy(w => w.Id));
        Same(new ConversationReferenceStore(source).All().OrderBy(r => r.Id), new ConversationReferenceStore(pg).All().OrderBy(r => r.Id));
        var linkTime = new DateTimeOffset(2026, 3, 10, 1, 5, 0, TimeSpan.Zero); // BotHost's clock, inside the links' 30 minutes
        Same(new ChatBot.Storage.Downloads.LinkStore(source).File(downloadToken, linkTime), new ChatBot.Storage.Downloads.LinkStore(pg).File(downloadToken, linkTime));
        Assert.Equal([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF], new ChatBot.Storage.Downloads.LinkStore(pg).File(downloadToken, linkTime)!.Content);
        var stateKey = source.Table(ChatBotDatabase.DialogState).Find(null)[0]["_id"].AsString;
        Same(new JournaledDialogStateStore(((LiteDocumentDatabase)source).Lite).Load(stateKey), new PostgresDialogStateStore(pg).Load(stateKey));

        // The auto-numbered tables continue after the copied keys.
        var tasks = new PlanTaskStore(pg, new AuditLog(pg));
        var lastTask = tasks.All(Ws).Max(t => t.Id);
        var newTask = tasks.Create(Ws, new PlanTaskDraft { PlanYear = 2026, PlanTitle = "补充计划", Title = "搬家后的新任务", Owners = ["张三"], Department = "司法所", DueDate = new(2026, 12, 1) },
            new Actor("msteams:user-1", "王小明"), DateTimeOffset.UtcNow);
        Assert.Equal(lastTask + 1, newTask!.Id);
        var study = new StudyStore(pg);
        var lastSession = study.InWorkspace(Ws).Max(s => s.Id);
        var newSession = study.Create(new StudySession { WorkspaceId = Ws, Title = "搬家后的学法", Law = "宪法" }, new AuditEntry { Action = "test" });
        Assert.Equal(lastSession + 1, newSession.Id);
    }

    [Fact]
    public async Task The_bot_started_on_the_copy_lists_the_cases_of_the_file()
    {
        var file = TempPaths.NewDatabase();
        using (var host = new BotHost(file))
        {
            var open = await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1"));
            Assert.Contains("案号 2026-001", (await host.SendAsync(TeamsSubmit(ValidForm(FormIdOf(open))))).AllText());
        }
        var target = PostgresServer.NewDatabase();
        Assert.Equal(0, MigrateStore("--from", file, "--to", target).Exit);

        using var moved = BotHost.OnPostgres(target);
        Assert.Contains("2026-001", (await moved.SendAsync(Activities.Message("调解列表", conversation: "personal-user-1"))).AllText());
        var open2 = await moved.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1"));
        Assert.Contains("案号 2026-002", (await moved.SendAsync(TeamsSubmit(ValidForm(FormIdOf(open2))))).AllText());
    }

    [Fact]
    public void A_target_that_holds_records_is_refused_without_force_and_replaced_with_it()
    {
        var file = SmallFile(cases: 2);
        var target = PostgresServer.NewDatabase();
        Assert.Equal(0, MigrateStore("--from", file, "--to", target).Exit);
        var other = SmallFile(cases: 3);

        var (exit, output, errors) = MigrateStore("--from", other, "--to", target);

        Assert.NotEqual(0, exit);
        Assert.Contains("already holds records", errors);
        Assert.Contains("mediation_cases 2", errors);
        Assert.Contains("--force", errors);
        Assert.Equal(2L, Scalar(target, "select count(*) from mediation_cases")); // nothing written
        Assert.DoesNotContain("Copied", output);

        var forced = MigrateStore("--from", other, "--to", target, "--force");
        Assert.True(forced.Exit == 0, forced.Errors);
        Assert.Equal(3L, Scalar(target, "select count(*) from mediation_cases"));
    }

    [Fact]
    public void A_target_where_only_a_started_bot_marked_its_migrations_is_not_refused()
    {
        var file = SmallFile(cases: 1);
        var target = PostgresServer.NewDatabase();
        using (var dataSource = NpgsqlDataSource.Create(target))
        {
            PostgresSchema.Migrate(dataSource);
            using var pg = new PostgresDocumentDatabase(dataSource);
            pg.Table(ChatBot.Storage.Migrations.SchemaMigrator.Collection).Insert(new BsonDocument { ["_id"] = 424242, ["Name"] = "marked on the new database" }, BsonAutoId.Int32);
        }
        var result = MigrateStore("--from", file, "--to", target);
        Assert.True(result.Exit == 0, result.Errors);
        Assert.Equal(0L, Scalar(target, "select count(*) from schema_migrations where id = 424242")); // the file's marks replace them
        Assert.Equal(1L, Scalar(target, "select count(*) from mediation_cases"));
    }

    [Fact]
    public void A_collection_with_records_but_no_table_is_named_and_nothing_is_written()
    {
        var file = SmallFile(cases: 1);
        using (var lite = ChatBotDatabase.Open(file)) lite.GetCollection("old_feature_notes").Insert(new BsonDocument { ["_id"] = "n1", ["Text"] = "kept" });
        var target = PostgresServer.NewDatabase();

        var (exit, _, errors) = MigrateStore("--from", file, "--to", target);

        Assert.NotEqual(0, exit);
        Assert.Contains("old_feature_notes (1)", errors);
        Assert.Equal(0L, Scalar(target, "select count(*) from mediation_cases"));
    }

    [Fact]
    public void Wrong_arguments_and_a_missing_file_are_explained()
    {
        var usage = MigrateStore("--from", "x.db");
        Assert.Equal(StoreCommandLine.UsageError, usage.Exit);
        Assert.Contains("give both --from", usage.Errors);
        var missing = MigrateStore("--from", Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"), "chatbot.db"), "--to", "Host=127.0.0.1");
        Assert.Equal(StoreCommandLine.Failure, missing.Exit);
        Assert.Contains("there is no LiteDB file", missing.Errors);
        Assert.False(StoreCommandLine.TryRunMigrateStore(["migrate"], out _, TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public void Documents_are_compared_field_by_field_whatever_the_field_order()
    {
        var a = new BsonDocument { ["_id"] = 1, ["A"] = "x", ["B"] = new BsonArray { 1, 2 } };
        var reordered = new BsonDocument { ["B"] = new BsonArray { 1, 2 }, ["_id"] = 1, ["A"] = "x" };
        Assert.True(StoreCopy.Same(a, reordered));
        Assert.False(StoreCopy.Same(a, new BsonDocument { ["_id"] = 1, ["A"] = "y", ["B"] = new BsonArray { 1, 2 } }));
        Assert.False(StoreCopy.Same(a, new BsonDocument { ["_id"] = 1, ["A"] = "x", ["B"] = new BsonArray { 2, 1 } }));
        Assert.False(StoreCopy.Same(new BsonDocument { ["N"] = 1 }, new BsonDocument { ["N"] = 1L }));
    }

    /// <summary>A file the current bot wrote: turns through the bot, and a year of records through its stores.</summary>
    private static async Task<(string File, string DownloadToken)> FileWithEveryKindOfRecord()
    {
        using var host = new BotHost();
        // Through the bot: a workspace, its member and reference, processed activities, the audit, a closed form card.
        var open = await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1"));
        await host.SendAsync(TeamsSubmit(ValidForm(FormIdOf(open))));
        await host.SendAsync(TextOnly("调解登记")); // a dialog left half-way: dialog state
        var now = host.Clock.GetUtcNow();
        // A year of cases with follow-ups and court confirmations, study sessions with sign-ins and scores, plan tasks
        // with extensions and chases (催办); then the other kinds, through the stores the features use.
        ReportDataset.Seed(host, cases: 12, tasks: 10, today: new DateOnly(2026, 9, 30));
        host.Service<ScreeningStore>().Save(new ScreeningRound
        {
            WorkspaceId = Ws, Date = new DateOnly(2026, 3, 9), Village = "东岭村", ScreenedBy = "王调解",
            Disputes = [new ScreenedDispute { Description = "邻里排水纠纷", Type = DisputeType.Neighbour }],
        }, "screening-form-1", new MediationActor("msteams:user-1", "王小明"), now);
        var tasks = host.Service<PlanTaskStore>();
        tasks.Import(Ws, [new PlanTaskDraft { PlanYear = 2026, PlanTitle = "2026年法治政府建设工作计划", Section = "依法全面履行政府职能", Title = "导入的任务", Owners = ["干部01"], Department = "司法所", DueDate = new(2026, 11, 30) }],
            new Actor("msteams:user-1", "王小明"), now);
        tasks.Open(Ws);
        tasks.Done(Ws); // the embedded store's list snapshots
        host.Service<OwnerBindingStore>().Bind(Ws, "干部01", "msteams:cadre-01", "干部01", new Actor("msteams:user-1", "王小明"), now);
        host.Service<OutboxStore>().TryEnqueue(ReminderMessages.Create("copy/reminder-1", Ws, "plan.chase",
            new Activity { Type = ActivityTypes.Message, Text = "催办:导入的任务" }, now.AddHours(2), mentionUserIds: ["msteams:cadre-01"]));
        host.Service<BoardStore>().Open(Ws, "msteams:user-1", now);
        host.Service<StudyStore>().SaveMeeting(new StudyMeeting
        {
            Id = "meeting-1", ChatWorkspaceId = Ws, WorkspaceId = Ws, SessionId = 1, OccurrenceDate = new DateOnly(2026, 1, 15),
            StartedUtc = now, Presence = [new StudyMeetingPresence { UserKey = "msteams:cadre-01", Name = "干部01", JoinedUtc = now }],
        });
        var db = host.Service<DocumentDatabase>();
        new WeComFormTokens(db, host.Clock, Options.Create(new WeComOptions())) // its signing key is kept in wecom_settings
            .Issue(new WeComForm { WorkspaceId = Ws, UserKey = "wecom:corp:zhangsan", ConversationId = "wecom-chat-1", CardJson = "{}" });
        host.Service<WeComCardActionStore>().Save([new WeComCardActionRecord { Id = "a-copy-1", TaskId = "task-1", ConversationId = "wecom-chat-1", Title = "签收", ExpiresUtc = now.AddDays(3) }]);
        host.Service<ClosedCardStore>().Close(Ws, "card-copy-1", "saved", "msteams:user-1", now);
        new ProcessedActivityStore(db).TryMarkFirstSeen("wecom:msg-copy-1", now); // the WeCom channel's redelivery guard
        var links = host.Service<ChatBot.Storage.Downloads.LinkStore>();
        var downloadToken = links.AddFile(Ws, "调解台账.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF], now.AddMinutes(30));
        links.AddChart("chart-copy-1", "{\"kind\":\"attendance\"}", now.AddMinutes(30));
        return (host.DatabasePath, downloadToken);
    }

    private static string SmallFile(int cases)
    {
        var file = TempPaths.NewDatabase();
        using var db = ChatBotDatabase.Open(file);
        var store = new MediationStore(db);
        for (var i = 0; i < cases; i++)
        {
            var c = Case(new DateOnly(2026, 3, 1 + i), DisputeType.Neighbour, "东岭村", MediationStatus.InProgress);
            c.WorkspaceId = Ws;
            store.Create(c, $"small-{i}", new MediationActor("msteams:user-1", "王小明"), DateTimeOffset.UtcNow);
        }
        return file;
    }

    private static (int Exit, string Output, string Errors) MigrateStore(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        Assert.True(StoreCommandLine.TryRunMigrateStore(["migrate-store", .. args], out var exit, output, errors));
        return (exit, output.ToString(), errors.ToString());
    }

    private static void Same<T>(T expected, T actual) =>
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected), System.Text.Json.JsonSerializer.Serialize(actual));

    private static long Scalar(string connectionString, string sql) => Hosting.PostgresHostingTests.Scalar(connectionString, sql);
}
