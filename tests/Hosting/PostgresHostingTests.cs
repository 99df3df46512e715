using ChatBot.Storage.Engine;
using ChatBot.Storage.Postgres;
using ChatBot.Tests.Infrastructure;
using Npgsql;
using static ChatBot.Tests.Mediation.MediationTestKit;

namespace ChatBot.Tests.Hosting;

/// <summary>Issue #27: the whole bot on PostgreSQL (Bot:Storage = postgres, ConnectionStrings:Postgres).</summary>
public class PostgresHostingTests
{
    [Fact]
    public async Task A_case_logged_on_PostgreSQL_is_listed_after_a_restart_and_no_LiteDB_file_is_made()
    {
        var database = PostgresServer.NewDatabase();
        string liteFile;
        using (var host = BotHost.OnPostgres(database))
        {
            liteFile = host.DatabasePath;
            Assert.IsType<PostgresDocumentDatabase>(host.Service<DocumentDatabase>());
            var open = await host.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1"));
            var saved = await host.SendAsync(TeamsSubmit(ValidForm(FormIdOf(open))));
            Assert.Contains("已登记,案号 2026-001", saved.AllText());
        }
        Assert.Equal(1L, Scalar(database, "select count(*) from mediation_cases where seq = 1 and year = 2026"));
        Assert.Equal(1L, Scalar(database, "select count(*) from schema_versions where version = 1"));

        using (var restarted = BotHost.OnPostgres(database))
        {
            var list = await restarted.SendAsync(Activities.Message("调解列表", conversation: "personal-user-1"));
            Assert.Contains("2026-001", list.AllText());
            Assert.Contains("东岭村", list.AllText());
            // The next case continues the numbering the first instance left in the database.
            var open = await restarted.SendAsync(Activities.Message("调解登记", conversation: "personal-user-1"));
            var saved = await restarted.SendAsync(TeamsSubmit(ValidForm(FormIdOf(open))));
            Assert.Contains("已登记,案号 2026-002", saved.AllText());
        }
        Assert.False(File.Exists(liteFile));
    }

    [Fact]
    public async Task A_step_by_step_dialog_continues_after_a_restart_on_PostgreSQL()
    {
        var database = PostgresServer.NewDatabase();
        using (var host = BotHost.OnPostgres(database))
            foreach (var answer in new[] { "调解登记", "今天", "1", "2", "北坡村" })
                await host.SendAsync(TextOnly(answer));
        Assert.Equal(1L, Scalar(database, "select count(*) from dialog_state"));

        using var restarted = BotHost.OnPostgres(database);
        foreach (var answer in new[] { "赵六 13900001111", "2", "跳过", "宅基地边界", "我", "调解中", "都不是" })
            await restarted.SendAsync(TextOnly(answer));
        Assert.Contains("2026-001", (await restarted.SendAsync(TextOnly("是"))).AllText());
        Assert.Contains("北坡村", (await restarted.SendAsync(TextOnly("调解 2026-001"))).AllText()); // answered before the restart
        Assert.Equal(1L, Scalar(database, "select count(*) from mediation_cases"));
    }

    [Fact]
    public async Task Backup_status_on_PostgreSQL_points_to_pg_dump()
    {
        using var host = BotHost.OnPostgres();
        var replies = await host.SendAsync(Activities.Message("备份状态", conversation: "personal-user-1"));
        Assert.Contains("PostgreSQL", replies.AllText());
        Assert.Contains("pg_dump", replies.AllText());
        Assert.DoesNotContain("还没有任何备份", replies.AllText());
    }

    internal static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}
