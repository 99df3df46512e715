using ChatBot.Storage.Conversations;
using ChatBot.Storage.Mediation;
using ChatBot.Storage.Postgres;
using ChatBot.Tests.Infrastructure;
using ChatBot.Tests.Mediation;
using Npgsql;

namespace ChatBot.Tests.Storage;

/// <summary>
/// The PostgreSQL schema scripts (storage/Postgres/Schema): a database of any earlier version is upgraded to the same
/// schema as a new one, keeping the records a bot of that version wrote; a database of a newer bot is refused.
/// </summary>
public class PostgresSchemaTests
{
    public static TheoryData<int> EarlierVersions()
    {
        var data = new TheoryData<int> { 0 }; // 0: an empty database
        foreach (var script in PostgresSchema.Scripts.SkipLast(1)) data.Add(script.Version);
        return data;
    }

    [Theory, MemberData(nameof(EarlierVersions))]
    public void A_database_of_an_earlier_version_is_upgraded_to_the_schema_of_a_new_one_and_keeps_its_records(int version)
    {
        using var fresh = NpgsqlDataSource.Create(PostgresServer.NewDatabase("fresh"));
        PostgresSchema.Migrate(fresh);

        using var old = NpgsqlDataSource.Create(PostgresServer.NewDatabase("old"));
        PostgresSchema.Migrate(old, upTo: version);
        Assert.Equal(PostgresSchema.Scripts.Where(s => s.Version <= version).Select(s => s.Version), PostgresSchema.Applied(old));
        string? caseNo = null;
        if (version > 0)
        {
            // What a bot of that version kept: a group and a case (both tables are in the first script).
            var db = new PostgresDocumentDatabase(old);
            new WorkspaceStore(db).Save(new Workspace { Id = "ws-old", Name = "老版本的群", ChannelId = "msteams" });
            var draft = MediationTestKit.Case(new DateOnly(2026, 3, 2), DisputeType.Neighbour, "青山村", MediationStatus.Accepted);
            draft.WorkspaceId = "ws-old";
            caseNo = new MediationStore(db).Create(draft, "form-old", new MediationActor("msteams:u", "王小明"), DateTimeOffset.UtcNow).Case.CaseNo;
        }

        var applied = PostgresSchema.Migrate(old);
        Assert.Equal(PostgresSchema.Scripts.Where(s => s.Version > version).Select(s => s.Version), applied.Select(s => s.Version));
        Assert.True(PostgresSchema.IsCurrent(old));
        Assert.Equal(Schema(fresh), Schema(old));
        Assert.Empty(PostgresSchema.Migrate(old)); // once upgraded, nothing more to do

        if (caseNo is not null)
        {
            var db = new PostgresDocumentDatabase(old);
            Assert.Equal("老版本的群", new WorkspaceStore(db).Get("ws-old")!.Name);
            var kept = new MediationStore(db).Get("ws-old", caseNo);
            Assert.NotNull(kept);
            Assert.Equal("青山村", kept.Village);
        }
    }

    [Fact]
    public void A_database_a_newer_bot_upgraded_is_refused_and_left_as_it_is()
    {
        using var source = NpgsqlDataSource.Create(PostgresServer.NewDatabase("newer"));
        PostgresSchema.Migrate(source);
        var newer = PostgresSchema.Scripts[^1].Version + 1;
        using (var cmd = source.CreateCommand($"insert into schema_versions (version, name, applied_utc) values ({newer}, 'from_the_future', now())"))
            cmd.ExecuteNonQuery();

        var refused = Assert.Throws<InvalidOperationException>(() => PostgresSchema.Migrate(source));
        Assert.Contains($"schema version {newer}", refused.Message);
        Assert.Contains("newer version", refused.Message);
        Assert.Contains(newer, PostgresSchema.Applied(source));
    }

    /// <summary>Tables with their columns and types, indexes with their definitions, sequences: what the scripts make.</summary>
    private static List<string> Schema(NpgsqlDataSource source)
    {
        var lines = new List<string>();
        foreach (var sql in new[]
        {
            "select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable from information_schema.columns where table_schema = 'public' and table_name <> 'schema_versions'",
            "select indexname || ': ' || indexdef from pg_indexes where schemaname = 'public'",
            "select 'sequence ' || sequence_name from information_schema.sequences where sequence_schema = 'public'",
        })
        {
            using var cmd = source.CreateCommand(sql);
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) lines.Add(reader.GetString(0));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
